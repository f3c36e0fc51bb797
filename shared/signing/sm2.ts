/**
 * SM2 signatures (GM/T 0003-2012 part 2, GB/T 32918.2-2016) with SM3 hashes (GM/T 0004-2012), via
 * the pure-JS `sm-crypto` package: the one implementation the workstation (which signs) and the
 * hospital server (which verifies every prescription it accepts) both run.
 *
 * Why not Node's crypto: on Node 20 (OpenSSL 3.0) `crypto.sign('sm3', data, sm2Key)` computes
 * ECDSA over the SM2 curve, not SM2 (electron/core/signing/sm2.conformance.test.ts keeps the
 * evidence against the standard's example, GB/T 32918.2 appendix A).
 *
 * Randomness is a parameter, never drawn here: `shared/` is runtime-neutral, and sm-crypto's own
 * generator is an RC4 stream whose early output is biased (a biased nonce k leaks the private key
 * over many signatures). Callers pass a CSPRNG (the workstation: node:crypto randomBytes).
 */
import { BigInteger } from 'jsbn';
import smCrypto from 'sm-crypto';

/** GM/T 0009-2012's default distinguishing identifier, hashed into Z when none is agreed. */
export const defaultSm2UserId = '1234567812345678';

export interface Sm2KeyPair {
  /** 32 bytes, hex. */
  privateKey: string;
  /** Uncompressed point 04 || x || y, hex. */
  publicKey: string;
}

/** `bytes` uniformly random bytes, as lowercase hex (e.g. node:crypto `randomBytes(n).toString('hex')`). */
export type RandomHex = (bytes: number) => string;

/** The part of sm-crypto's API used here, typed as it behaves (its @types lag: no seed argument). */
interface Sm2Api {
  generateKeyPairHex(seed: string, radix: number): Sm2KeyPair;
  doSignature(
    message: number[],
    privateKey: string,
    options: { hash: true; publicKey: string; userId: string; pointPool: { k: BigInteger; x1: BigInteger }[] },
  ): string;
  doVerifySignature(message: number[], signature: string, publicKey: string, options: { hash: true; userId: string }): boolean;
}
// A cast at the one seam with an untyped-enough library; the tests hold it to the standard's vectors.
const sm2 = smCrypto.sm2 as unknown as Sm2Api;

/**
 * A scalar in [1, n-1] from 320 random bits: 64 bits wider than n, so the reduction mod n that
 * sm-crypto applies to a seed is uniform for all practical purposes.
 */
const scalarSeed = (random: RandomHex): string => random(40);

export function generateSm2KeyPairWith(random: RandomHex): Sm2KeyPair {
  return sm2.generateKeyPairHex(scalarSeed(random), 16);
}

/**
 * The pair (k, x1 of kG) that SM2 signing needs (GB/T 32918.2 6.1, steps A3-A4): a key pair's
 * private scalar is a uniform k and its public point is kG.
 */
function freshNonce(random: RandomHex): { k: BigInteger; x1: BigInteger } {
  const pair = sm2.generateKeyPairHex(scalarSeed(random), 16);
  return { k: new BigInteger(pair.privateKey, 16), x1: new BigInteger(pair.publicKey.slice(2, 66), 16) };
}

/** Signs `message` (its bytes, hashed with Z per GB/T 32918.2); returns r || s as 128 hex digits. */
export function sm2SignWith(random: RandomHex, message: Uint8Array, key: Sm2KeyPair, userId = defaultSm2UserId): string {
  return sm2.doSignature(Array.from(message), key.privateKey, {
    hash: true,
    publicKey: key.publicKey,
    userId,
    // sm-crypto pops from the pool and draws again (from this pool first) only if r or s is degenerate.
    pointPool: [freshNonce(random), freshNonce(random), freshNonce(random)],
  });
}

/** True when `signatureHex` (r || s) is a valid SM2 signature of `message` under `publicKey`. */
export function sm2Verify(message: Uint8Array, signatureHex: string, publicKey: string, userId = defaultSm2UserId): boolean {
  if (!/^[0-9a-f]{128}$/.test(signatureHex) || !/^04[0-9a-f]{128}$/.test(publicKey)) return false;
  try {
    return sm2.doVerifySignature(Array.from(message), signatureHex, publicKey, { hash: true, userId });
  } catch {
    // A public key that is not a point on the curve: not a valid signature, whoever sent it.
    return false;
  }
}
