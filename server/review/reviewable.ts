import type { AccountRecord } from '../auth/accounts';
import type { Queryable } from '../db/types';
import { HttpError } from '../http/errors';

export interface ReviewableRow {
  id: string;
  patient_id: string;
  status: string;
  author_id: string | null;
  issued_on: string;
  validity_days: number;
}

/** Locks the prescription a review call is about, so two calls on it (and two copies of one call) take turns. */
export async function lockPrescription(tx: Queryable, prescriptionId: string): Promise<ReviewableRow> {
  const [row] = await tx.query<ReviewableRow>(
    `SELECT id, patient_id, status, author_id, issued_on, validity_days FROM prescriptions WHERE id = $1 FOR UPDATE`,
    [prescriptionId],
  );
  if (!row) throw new HttpError(404, 'NOT_FOUND', 'no such prescription');
  return row;
}

/**
 * Refuses what nobody may review: a prescription not waiting for review (approved, returned,
 * voided, superseded), or one the caller wrote: nobody reviews their own prescription.
 */
export function assertReviewable(row: ReviewableRow, user: AccountRecord): void {
  if (row.author_id === user.id) throw new HttpError(403, 'SELF_REVIEW', 'nobody reviews a prescription they wrote');
  if (row.status !== 'submitted') throw new HttpError(409, 'NOT_REVIEWABLE', `the prescription is ${row.status}, not waiting for review`);
}
