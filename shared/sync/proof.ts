import { z } from 'zod';

/**
 * Proof of possession for every request that carries a token (issue 8, item 10), in the manner of
 * RFC 9449 (DPoP): a token is bound to the device it was issued to, and each request is signed by
 * that device's Ed25519 key (the one it registered), so a token copied off a workstation is useless
 * without the key, and a captured request cannot be sent again.
 *
 * The device sends two headers besides `Authorization: Bearer <token>`:
 *  - `content-digest: sha-256=:<base64>:` (RFC 9530) of the exact body bytes (of nothing for a GET);
 *  - `caredesk-proof: <iat>.<jti>.<signature>`: `iat` the device's clock in ms (corrected by what the
 *    server said it was, see below), `jti` a fresh UUID, `signature` base64url Ed25519 over the UTF-8
 *    bytes of `requestProofMessage(...)`, which binds method, path with query, the digest, the time,
 *    the jti and the token (its SHA-256, like DPoP's `ath`).
 * The server checks, in order: a proof is there (`PROOF_REQUIRED`), well formed (`PROOF_MALFORMED`),
 * signed by the token's device key (`PROOF_WRONG_KEY`), for this body (`PROOF_BODY_MISMATCH`), made
 * within `proofWindowMs` of its own clock (`PROOF_CLOCK_SKEW`), and never seen before
 * (`PROOF_REPLAYED`; jtis are kept in the database for the window, so a restart or another server
 * process changes nothing). Client clocks are never trusted: a skewed one is told so with the
 * server's time in the `date` header, and the workstation corrects its offset and signs again.
 */
export const proofHeader = 'caredesk-proof';
export const digestHeader = 'content-digest';
/** How far a proof's time may be from the server's, either way. */
export const proofWindowMs = 5 * 60_000;

export const ProofHeader = z.string().regex(/^(\d{1,16})\.([0-9a-f-]{36})\.([A-Za-z0-9_-]{86})$/, 'expected <iat>.<jti>.<signature>');
export const DigestHeader = z.string().regex(/^sha-256=:([A-Za-z0-9+/]{43}=):$/, 'expected sha-256=:<base64>:');

export interface ProofFields {
  method: string;
  /** The request target as sent: path and query string. */
  pathWithQuery: string;
  /** The `content-digest` header's value. */
  contentDigest: string;
  /** base64url SHA-256 of the token. */
  tokenDigest: string;
  iat: number;
  jti: string;
}

export function requestProofMessage(f: ProofFields): string {
  return `caredesk-proof-v1\n${f.method.toUpperCase()}\n${f.pathWithQuery}\n${f.contentDigest}\n${f.tokenDigest}\n${f.iat}\n${f.jti}`;
}
