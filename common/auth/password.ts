import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes in one self-describing format, `scrypt$N$r$p$salt$hash` (base64): the server's
 * account hashes, and the workstation's own offline verifiers (offlineVerifier.ts).
 * Parameters follow OWASP's password storage cheat sheet for scrypt (N=2^17, r=8, p=1).
 */
const defaults = { N: 2 ** 17, r: 8, p: 1, keyLength: 32 };

export async function hashPassword(password: string, params = defaults): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, params.N, params.r, params.p, params.keyLength);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, hashB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hashB64, 'base64');
  const actual = await derive(password, Buffer.from(saltB64, 'base64'), Number(n), Number(r), Number(p), expected.length);
  return expected.length > 0 && timingSafeEqual(expected, actual);
}

function derive(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
