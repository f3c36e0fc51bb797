import type { Queryable } from '../db/types';
import { HttpError } from '../http/errors';

/**
 * What a reviewer reads before deciding: the prescription as signed (signature included, so the
 * screen can verify it again), what the server's arrival check found, the claim and every decision
 * so far, oldest first, and the version it corrects, if any, for the exchange so far.
 */
export async function reviewDetail(q: Queryable, prescriptionId: string, now: Date) {
  const [rx] = await q.query<{ id: string; patient_id: string; status: string; previous_id: string | null; signed_payload: string | null; arrival_check: string | null; voided_at: string | null; void_reason: string | null }>(
    `SELECT id, patient_id, status, previous_id, signed_payload, arrival_check, voided_at, void_reason FROM prescriptions WHERE id = $1`,
    [prescriptionId],
  );
  if (!rx) throw new HttpError(404, 'NOT_FOUND', 'no such prescription');
  const decisions = await q.query<{ id: string; prescription_id: string; pharmacist_id: string; decision: string; reasons: string[]; note: string; intervention: unknown; recorded_at: Date | string }>(
    `WITH RECURSIVE versions AS (
       SELECT id, previous_id FROM prescriptions WHERE id = $1
       UNION ALL SELECT p.id, p.previous_id FROM prescriptions p JOIN versions v ON p.id = v.previous_id)
     SELECT d.id, d.prescription_id, d.pharmacist_id, d.decision, d.reasons, d.note, d.intervention, d.recorded_at
       FROM review_decisions d JOIN versions v ON v.id = d.prescription_id ORDER BY d.seq`,
    [prescriptionId],
  );
  const [claim] = await q.query<{ pharmacist_id: string; expires_at: Date | string }>(
    `SELECT pharmacist_id, expires_at FROM review_claims WHERE prescription_id = $1 AND expires_at > $2`, [prescriptionId, now],
  );
  return {
    prescription: {
      id: rx.id, patientId: rx.patient_id, status: rx.status, previousId: rx.previous_id,
      signed: rx.signed_payload === null ? null : (JSON.parse(rx.signed_payload) as unknown),
      arrivalCheck: rx.arrival_check === null ? null : (JSON.parse(rx.arrival_check) as unknown),
      voidedAt: rx.voided_at, voidReason: rx.void_reason,
    },
    claim: claim ? { pharmacistId: claim.pharmacist_id, expiresAt: new Date(claim.expires_at).toISOString() } : null,
    decisions: decisions.map((d) => ({
      id: d.id, prescriptionId: d.prescription_id, pharmacistId: d.pharmacist_id, decision: d.decision, reasons: d.reasons, note: d.note,
      intervention: d.intervention, recordedAt: new Date(d.recorded_at).toISOString(),
    })),
  };
}
