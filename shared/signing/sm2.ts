/**
 * SM2 signatures (GM/T 0003-2012 part 2, GB/T 32918.2-2016) with SM3 hashes (GM/T 0004-2012), via
 * `sm-crypto-v2` (TypeScript, native bigint, curve arithmetic from `@noble/curves`): the one
 * implementation the workstation (which signs) and the hospital server (which verifies every
 * prescription it accepts) both run. It replaced `sm-crypto` 0.5.8 (jsbn), whose verify cost ~60 ms
 * and bounded the server's push rate (issue 8); the encodings are unchanged (r || s as 128 hex digits,
 * keys as 04 || x || y), and sm2.crossImplementation.test.ts holds the two to each other.
 *
 * Why not Node's crypto: on Node 20 (OpenSSL 3.0) `crypto.sign('sm3', data, sm2Key)` computes
 * ECDSA over the SM2 curve, not SM2 (electron/core/signing/sm2.conformance.test.ts keeps the
 * evidence against the standard's example, GB/T 32918.2 appendix A).
 *
 * Randomness is a parameter, never drawn here: `shared/` is runtime-neutral, and the library's own
 * generator is whatever its runtime offers. Callers pass a CSPRNG (the workstation: node:crypto
 * randomBytes).
 */
import { sm2 } from 'sm-crypto-v2';

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

/** The order n of the base point of the recommended curve (GB/T 32918.5). */
const curveOrder = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

/**
 * A scalar in [1, n-1] from 320 random bits: 64 bits wider than n, so the reduction is uniform for
 * all practical purposes (the mapping sm-crypto applied to a seed, kept so keys are drawn alike).
 */
const randomScalar = (random: RandomHex): bigint => (BigInt(`0x${random(40)}`) % (curveOrder - 1n)) + 1n;

const scalarHex = (scalar: bigint): string => scalar.toString(16).padStart(64, '0');

export function generateSm2KeyPairWith(random: RandomHex): Sm2KeyPair {
  const privateKey = scalarHex(randomScalar(random));
  return { privateKey, publicKey: sm2.getPublicKeyFromPrivateKey(privateKey) };
}

/**
 * The pair (k, x1 of kG) that SM2 signing needs (GB/T 32918.2 6.1, steps A3-A4), from a uniform k.
 */
function freshNonce(random: RandomHex): { k: bigint; x1: bigint } {
  const k = randomScalar(random);
  return { k, x1: BigInt(`0x${sm2.getPublicKeyFromPrivateKey(scalarHex(k)).slice(2, 66)}`) };
}

/** Signs `message` (its bytes, hashed with Z per GB/T 32918.2); returns r || s as 128 hex digits. */
export function sm2SignWith(random: RandomHex, message: Uint8Array, key: Sm2KeyPair, userId = defaultSm2UserId): string {
  return sm2.doSignature(message, key.privateKey, {
    hash: true,
    publicKey: key.publicKey,
    userId,
    // The library pops from the pool and draws again (from this pool first) only if r or s is
    // degenerate (step A5/A6); three nonces make reaching its own generator vanishingly unlikely.
    pointPool: [freshNonce(random), freshNonce(random), freshNonce(random)],
  });
}

/**
 * Public keys whose multiples tables are kept (noble's wNAF precomputation, window 8: ~50 ms and
 * ~1 MB once per key, then a verify costs ~1 ms instead of ~9 ms). The server verifies every
 * prescription of every push against a few hundred signers' keys at most, so the most recently used
 * few dozen cover a busy hour; the bound keeps memory flat whatever keys arrive.
 */
const precomputedKeyLimit = 32;
const precomputedKeys = new Map<string, ReturnType<typeof sm2.precomputePublicKey>>();

function precomputedKey(publicKey: string): ReturnType<typeof sm2.precomputePublicKey> {
  let point = precomputedKeys.get(publicKey);
  if (point) {
    precomputedKeys.delete(publicKey);
  } else {
    // Throws for a point not on the curve; nothing is kept then.
    point = sm2.precomputePublicKey(publicKey, 8);
    if (precomputedKeys.size >= precomputedKeyLimit) precomputedKeys.delete(precomputedKeys.keys().next().value!);
  }
  precomputedKeys.set(publicKey, point);
  return point;
}

/** True when `signatureHex` (r || s) is a valid SM2 signature of `message` under `publicKey`. */
export function sm2Verify(message: Uint8Array, signatureHex: string, publicKey: string, userId = defaultSm2UserId): boolean {
  if (!/^[0-9a-f]{128}$/.test(signatureHex) || !/^04[0-9a-f]{128}$/.test(publicKey)) return false;
  const r = BigInt(`0x${signatureHex.slice(0, 64)}`);
  const s = BigInt(`0x${signatureHex.slice(64)}`);
  // GB/T 32918.2 7.1 steps B1-B2: r and s must lie in [1, n-1].
  if (r < 1n || r >= curveOrder || s < 1n || s >= curveOrder) return false;
  try {
    return sm2.doVerifySignature(message, signatureHex, precomputedKey(publicKey), { hash: true, userId });
  } catch {
    // A public key that is not a point on the curve: not a valid signature, whoever sent it.
    return false;
  }
}
