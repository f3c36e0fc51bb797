import type { ClaimRequest, ClaimResponse } from '../../shared/review/wire';
import type { AccountRecord } from '../auth/accounts';
import type { Database, Queryable } from '../db/types';
import { HttpError } from '../http/errors';
import { storeAnswer, storedAnswer } from './applyOnce';
import { requireReviewer } from './qualification';
import { assertReviewable, lockPrescription } from './reviewable';
import { reviewSettings } from './settings';

interface LiveClaim {
  pharmacist_id: string;
  name: string;
  expires_at: Date;
}

async function liveClaim(tx: Queryable, prescriptionId: string, now: Date): Promise<LiveClaim | null> {
  const [claim] = await tx.query<LiveClaim>(
    `SELECT c.pharmacist_id, u.display_name AS name, c.expires_at FROM review_claims c JOIN users u ON u.id = c.pharmacist_id
      WHERE c.prescription_id = $1 AND c.expires_at > $2`,
    [prescriptionId, now],
  );
  return claim ?? null;
}

/**
 * Takes the lease on a prescription, or renews the caller's own. Two pharmacists never hold one
 * item: the prescription row is locked while the claim is decided, so of any number of concurrent
 * claims exactly one finds it free. A lease nobody renews lapses, and the item is free again.
 */
export async function claim(db: Database, user: AccountRecord, request: ClaimRequest, now: Date): Promise<ClaimResponse> {
  return db.transaction(async (tx) => {
    await requireReviewer(tx, user);
    const rx = await lockPrescription(tx, request.prescriptionId);
    const replay = await storedAnswer<ClaimResponse>(tx, request.requestId, user.id, request);
    if (replay) return replay;
    assertReviewable(rx, user);
    const held = await liveClaim(tx, request.prescriptionId, now);
    if (held && held.pharmacist_id !== user.id) {
      throw new HttpError(409, 'CLAIMED', `${held.name} is reviewing this prescription (until ${held.expires_at.toISOString()})`);
    }
    const { leaseMs } = await reviewSettings(tx);
    const expiresAt = new Date(now.getTime() + leaseMs);
    await tx.query(
      `INSERT INTO review_claims (prescription_id, pharmacist_id, claimed_at, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (prescription_id) DO UPDATE SET pharmacist_id = excluded.pharmacist_id,
         claimed_at = CASE WHEN review_claims.pharmacist_id = excluded.pharmacist_id AND review_claims.expires_at > $3
                           THEN review_claims.claimed_at ELSE excluded.claimed_at END,
         expires_at = excluded.expires_at`,
      [request.prescriptionId, user.id, now, expiresAt],
    );
    const answer: ClaimResponse = { prescriptionId: request.prescriptionId, pharmacistId: user.id, expiresAt: expiresAt.toISOString() };
    await storeAnswer(tx, request.requestId, user.id, 'claim', request, answer, now);
    return answer;
  });
}

/** Gives the item back to the queue before the lease would lapse. */
export async function release(db: Database, user: AccountRecord, request: ClaimRequest, now: Date): Promise<{ prescriptionId: string; released: boolean }> {
  return db.transaction(async (tx) => {
    await lockPrescription(tx, request.prescriptionId);
    const replay = await storedAnswer<{ prescriptionId: string; released: boolean }>(tx, request.requestId, user.id, request);
    if (replay) return replay;
    const released = await tx.query(`DELETE FROM review_claims WHERE prescription_id = $1 AND pharmacist_id = $2 RETURNING prescription_id`, [request.prescriptionId, user.id]);
    const answer = { prescriptionId: request.prescriptionId, released: released.length > 0 };
    await storeAnswer(tx, request.requestId, user.id, 'release', request, answer, now);
    return answer;
  });
}

/** A decision needs the caller's own live lease on the item. */
export async function requireOwnClaim(tx: Queryable, prescriptionId: string, user: AccountRecord, now: Date): Promise<void> {
  const held = await liveClaim(tx, prescriptionId, now);
  if (!held) throw new HttpError(409, 'NOT_CLAIMED', 'claim the prescription before deciding on it (a lease that lapsed must be claimed again)');
  if (held.pharmacist_id !== user.id) throw new HttpError(409, 'CLAIMED', `${held.name} is reviewing this prescription`);
}
