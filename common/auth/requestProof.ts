import { createHash, createPrivateKey, randomUUID, sign, type KeyObject } from 'node:crypto';
import { digestHeader, proofHeader, requestProofMessage } from '../../shared/sync/proof';

/** RFC 9530 `content-digest` of the exact body bytes ('' for a request without a body). */
export const contentDigestOf = (body: string | Buffer): string => `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;
export const tokenDigestOf = (token: string): string => createHash('sha256').update(token).digest('base64url');

/**
 * The headers that prove this device sent this request (shared/sync/proof.ts). Made afresh for
 * every send, retries included: a proof is single use.
 */
export function requestProofHeaders(request: {
  method: string;
  pathWithQuery: string;
  body: string;
  token: string;
  key: KeyObject | string;
  now: number;
}): Record<string, string> {
  const contentDigest = contentDigestOf(request.body);
  const jti = randomUUID();
  const iat = Math.round(request.now);
  const message = requestProofMessage({ method: request.method, pathWithQuery: request.pathWithQuery, contentDigest, tokenDigest: tokenDigestOf(request.token), iat, jti });
  const key = typeof request.key === 'string' ? createPrivateKey(request.key) : request.key;
  const signature = sign(null, Buffer.from(message), key).toString('base64url');
  return { [digestHeader]: contentDigest, [proofHeader]: `${iat}.${jti}.${signature}` };
}
