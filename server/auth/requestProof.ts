import { DigestHeader, ProofHeader, proofWindowMs, requestProofMessage } from '../../shared/sync/proof';
import type { Queryable } from '../db/types';
import { HttpError } from '../http/errors';
import { verifyDeviceSignature } from './devices';

export interface ProofInput {
  method: string;
  pathWithQuery: string;
  proof: string | undefined;
  contentDigest: string | undefined;
  /** What the server computed over the bytes it received. */
  receivedDigest: string;
  tokenDigest: string;
}

/**
 * Checks a request's proof of possession against the public key of the device its token was
 * issued to (shared/sync/proof.ts lists the checks and codes). The jti is recorded last, in the
 * database, so a replay is refused by every server process and after a restart; a proof that fails
 * an earlier check spends nothing.
 */
export async function verifyRequestProof(q: Queryable, input: ProofInput, device: { id: string; publicKey: string }, now: Date): Promise<void> {
  if (input.proof === undefined) {
    throw new HttpError(401, 'PROOF_REQUIRED', 'sign the request with the device key (caredesk-proof and content-digest headers)');
  }
  const proof = ProofHeader.safeParse(input.proof);
  const digest = DigestHeader.safeParse(input.contentDigest);
  if (!proof.success || !digest.success) throw new HttpError(401, 'PROOF_MALFORMED', 'caredesk-proof or content-digest is malformed');
  const [iatText, jti, signature] = proof.data.split('.') as [string, string, string];
  const iat = Number(iatText);
  const message = requestProofMessage({ method: input.method, pathWithQuery: input.pathWithQuery, contentDigest: digest.data, tokenDigest: input.tokenDigest, iat, jti });
  if (!verifyDeviceSignature(device.publicKey, message, signature)) {
    throw new HttpError(401, 'PROOF_WRONG_KEY', "the proof is not signed by the key of this token's device (or not for this request)");
  }
  if (digest.data !== input.receivedDigest) throw new HttpError(400, 'PROOF_BODY_MISMATCH', 'the body does not match its content-digest');
  if (Math.abs(iat - now.getTime()) > proofWindowMs) {
    // The client corrects its clock from the `date` header of this answer and signs again.
    throw new HttpError(401, 'PROOF_CLOCK_SKEW', `the proof's time is more than ${proofWindowMs / 60_000} minutes from the server's (${now.toISOString()}); sign again with the server's time`);
  }
  // One statement: this device's spent jtis whose window has passed go (the time check refuses
  // them anyway), and this one is recorded; a conflict means it was seen before. A jti accepted now
  // has iat >= now - window, so it could pass the time check until now + 2 windows at most.
  const recorded = await q.query(
    `WITH expired AS (DELETE FROM proof_jtis WHERE device_id = $1 AND expires_at < $4)
     INSERT INTO proof_jtis (device_id, jti, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING jti`,
    [device.id, jti, new Date(now.getTime() + 2 * proofWindowMs), now],
  );
  if (recorded.length === 0) throw new HttpError(401, 'PROOF_REPLAYED', 'this request was already received (its jti is spent); sign a new one');
}
