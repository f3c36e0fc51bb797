import { isQualifiedReviewer, type ReviewerQualification } from '../../shared/review/wire';
import type { AccountRecord } from '../auth/accounts';
import type { Queryable } from '../db/types';
import { HttpError } from '../http/errors';

/** The reviewer qualification an admin recorded on an account, or null (not a reviewer). */
export async function qualificationOf(q: Queryable, userId: string): Promise<ReviewerQualification | null> {
  const [row] = await q.query<{ title: ReviewerQualification['title'] | null; years: number | null; training: boolean }>(
    `SELECT reviewer_title AS title, dispensing_years AS years, review_training_passed AS training FROM users WHERE id = $1`,
    [userId],
  );
  if (!row?.title) return null;
  return { title: row.title, dispensingYears: row.years ?? 0, trainingPassed: row.training };
}

/** Only a pharmacist qualified as a reviewer claims or decides; other pharmacists read the queue. */
export async function requireReviewer(q: Queryable, user: AccountRecord): Promise<void> {
  if (!user.roles.includes('pharmacist') || !isQualifiedReviewer(await qualificationOf(q, user.id))) {
    throw new HttpError(403, 'NOT_QUALIFIED', 'reviewing prescriptions needs a pharmacist qualified as a reviewer (title, 3 years of dispensing, review training), recorded by an administrator');
  }
}

/** Records (or, with null, withdraws) an account's reviewer qualification. */
export async function setQualification(q: Queryable, userId: string, qualification: ReviewerQualification | null): Promise<void> {
  const updated = await q.query(
    `UPDATE users SET reviewer_title = $2, dispensing_years = $3, review_training_passed = $4 WHERE id = $1 RETURNING id`,
    [userId, qualification?.title ?? null, qualification?.dispensingYears ?? null, qualification?.trainingPassed ?? false],
  );
  if (updated.length === 0) throw new HttpError(404, 'NOT_FOUND', 'no such account');
}
