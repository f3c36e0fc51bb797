import { canonicalJson } from '../../shared/domain/canonical';
import { clockSkew } from '../../shared/sync/merge';
import type { DecisionResponse, ReviewDecision } from '../../shared/review/wire';
import type { Authenticated } from '../auth/tokens';
import type { Database } from '../db/types';
import { appendChanges } from '../feed/append';
import { HttpError } from '../http/errors';
import { storeAnswer, storedAnswer } from './applyOnce';
import { requireOwnClaim } from './claims';
import { requireReviewer } from './qualification';
import { assertReviewable, lockPrescription } from './reviewable';
import { hospitalDate, lastValidDay, reviewSettings } from './settings';
import { verifyReviewerSignature } from './signature';

const statusAfter = { approve: 'approved', return: 'returned' } as const;

/**
 * Records a reviewer's signed decision, once. Approve makes the prescription effective and
 * dispensable; return sends it back to its prescriber with the reasons; both end the lease. An
 * intervention is recorded and the review goes on. Nothing is ever approved without this call: an
 * engine-clean prescription still waits for a person, and there is no bulk form of it.
 */
export async function decide(db: Database, auth: Authenticated, decision: ReviewDecision, now: Date): Promise<DecisionResponse> {
  const { user } = auth;
  const { document, signature } = decision;
  return db.transaction(async (tx) => {
    await requireReviewer(tx, user);
    const rx = await lockPrescription(tx, document.prescriptionId);
    const replay = await storedAnswer<DecisionResponse>(tx, document.decisionId, user.id, decision);
    if (replay) return replay;
    assertReviewable(rx, user);
    await requireOwnClaim(tx, rx.id, user, now);
    await verifyReviewerSignature(tx, user, document, signature, now);
    const settings = await reviewSettings(tx);
    if (document.decision === 'approve' && lastValidDay(rx.issued_on, rx.validity_days) < hospitalDate(now, settings.timeZone)) {
      throw new HttpError(409, 'EXPIRED', `the prescription was valid until ${lastValidDay(rx.issued_on, rx.validity_days)}: it can be returned, not approved`);
    }
    await tx.query(
      `INSERT INTO review_decisions (id, prescription_id, patient_id, pharmacist_id, decision, reasons, note, intervention, signed_document,
         signature_public_key, signature_value, decided_at, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [document.decisionId, rx.id, rx.patient_id, user.id, document.decision, JSON.stringify(document.reasons), document.note,
        document.intervention && JSON.stringify(document.intervention), canonicalJson(decision), signature.publicKey, signature.value, document.decidedAt, now],
    );
    let status = rx.status;
    if (document.decision !== 'intervene') {
      status = statusAfter[document.decision];
      await tx.query(`UPDATE prescriptions SET status = $2, reviewed_by = $3, reviewed_at = $4 WHERE id = $1`, [rx.id, status, user.id, now]);
      await tx.query(`DELETE FROM review_claims WHERE prescription_id = $1`, [rx.id]);
    }
    // The prescriber's devices, and every pharmacist's (the review flag), learn the outcome through
    // the feed, in this transaction: the status, then the decision with its reasons and signature.
    const meta = { mutationId: null, authorId: user.id, deviceId: auth.deviceId, clientTime: document.decidedAt, clockSkewed: clockSkew(document.decidedAt, now).flagged, review: true };
    if (document.decision !== 'intervene') await appendChanges(tx, 'prescriptions', [rx.id], meta);
    await appendChanges(tx, 'review_decisions', [document.decisionId], meta);
    const answer: DecisionResponse = { decisionId: document.decisionId, prescriptionId: rx.id, status, decidedAt: now.toISOString() };
    await storeAnswer(tx, document.decisionId, user.id, 'decision', decision, answer, now);
    return answer;
  });
}
