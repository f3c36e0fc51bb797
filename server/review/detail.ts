import type { ReviewDetailResponse } from '../../shared/review/wire';
import type { Queryable } from '../db/types';
import { HttpError } from '../http/errors';

interface PrescriptionRow {
  id: string;
  patient_id: string;
  status: string;
  author_id: string | null;
  previous_id: string | null;
  signed_payload: string | null;
  signature_verified_at: string | null;
  arrival_check: string | null;
  voided_at: string | null;
  void_reason: string | null;
}

const parsed = (json: string | null): unknown => (json === null ? null : (JSON.parse(json) as unknown));

/**
 * What a reviewer reads before deciding: the prescription as signed (signature included, so the
 * screen can verify it again), what the server's arrival check found, the claim and every decision
 * so far, oldest first, and the version it corrects, if any, for the exchange so far and the
 * changes since (shared/review/wire.ts, ReviewDetailResponse).
 */
export async function reviewDetail(q: Queryable, prescriptionId: string, now: Date): Promise<ReviewDetailResponse> {
  const [rx] = await q.query<PrescriptionRow>(
    `SELECT id, patient_id, status, author_id, previous_id, signed_payload, signature_verified_at, arrival_check, voided_at, void_reason
       FROM prescriptions WHERE id = $1`,
    [prescriptionId],
  );
  if (!rx) throw new HttpError(404, 'NOT_FOUND', 'no such prescription');
  const decisions = await q.query<{ id: string; prescription_id: string; pharmacist_id: string; pharmacist_name: string; decision: 'approve' | 'return' | 'intervene'; reasons: string[]; note: string; intervention: ReviewDetailResponse['decisions'][number]['intervention']; decided_at: string; recorded_at: Date | string }>(
    `WITH RECURSIVE versions AS (
       SELECT id, previous_id FROM prescriptions WHERE id = $1
       UNION ALL SELECT p.id, p.previous_id FROM prescriptions p JOIN versions v ON p.id = v.previous_id)
     SELECT d.id, d.prescription_id, d.pharmacist_id, u.display_name AS pharmacist_name, d.decision, d.reasons, d.note, d.intervention, d.decided_at, d.recorded_at
       FROM review_decisions d JOIN versions v ON v.id = d.prescription_id JOIN users u ON u.id = d.pharmacist_id ORDER BY d.seq`,
    [prescriptionId],
  );
  const [claim] = await q.query<{ pharmacist_id: string; expires_at: Date | string }>(
    `SELECT pharmacist_id, expires_at FROM review_claims WHERE prescription_id = $1 AND expires_at > $2`, [prescriptionId, now],
  );
  const [previous] = rx.previous_id === null ? [] : await q.query<{ id: string; signed_payload: string | null }>(`SELECT id, signed_payload FROM prescriptions WHERE id = $1`, [rx.previous_id]);
  return {
    prescription: {
      id: rx.id, patientId: rx.patient_id, status: rx.status, authorId: rx.author_id, previousId: rx.previous_id,
      signed: parsed(rx.signed_payload), signatureVerifiedAt: rx.signature_verified_at,
      arrivalCheck: parsed(rx.arrival_check) as ReviewDetailResponse['prescription']['arrivalCheck'],
      voidedAt: rx.voided_at, voidReason: rx.void_reason,
    },
    previous: previous ? { id: previous.id, signed: parsed(previous.signed_payload) } : null,
    claim: claim ? { pharmacistId: claim.pharmacist_id, expiresAt: new Date(claim.expires_at).toISOString() } : null,
    decisions: decisions.map((d) => ({
      id: d.id, prescriptionId: d.prescription_id, pharmacistId: d.pharmacist_id, pharmacistName: d.pharmacist_name, decision: d.decision,
      reasons: d.reasons, note: d.note, intervention: d.intervention, decidedAt: d.decided_at, recordedAt: new Date(d.recorded_at).toISOString(),
    })),
  };
}
