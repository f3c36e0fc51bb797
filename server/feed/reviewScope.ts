import { createHash } from 'node:crypto';
import type { Queryable } from '../db/types';
import { reviewSettings } from '../review/settings';

/**
 * A pharmacist's scope (issue 8, item 5): the patients of the prescriptions waiting for review
 * (submitted, claimed or not: an intervention keeps one waiting) and of those this pharmacist
 * reviewed within the hospital's window (`reviewedScopeDays`, default 30). Approved or returned
 * by someone else, or reviewed longer ago, a patient is out.
 *
 * Why a query at pull time and not a scope table kept at submit and decision: the window ends
 * with the clock, not with a write, so a table would still need a sweeper, and "waiting" is one
 * set shared by every pharmacist. Both halves are index range reads (prescriptions_in_queue,
 * and prescriptions_by_reviewer of migration 012), sized by the queue and by one person's month of
 * reviews, never by the hospital's patients. The set is read once per page and handed to the
 * page's statement as a parameter, so the rows sent and the scope the client is told of agree.
 */
export async function reviewScopePatients(q: Queryable, userId: string, now: Date): Promise<string[]> {
  const { reviewedScopeDays } = await reviewSettings(q);
  const since = new Date(now.getTime() - reviewedScopeDays * 24 * 60 * 60_000);
  const rows = await q.query<{ patient_id: string }>(
    `SELECT patient_id FROM prescriptions WHERE status = 'submitted'
     UNION
     SELECT patient_id FROM prescriptions WHERE reviewed_by = $1 AND reviewed_at > $2
     ORDER BY patient_id`,
    [userId, since],
  );
  return rows.map((r) => r.patient_id);
}

/**
 * The patients a pharmacist's devices may keep by name (a pharmacist who is also a physician keeps
 * their department's besides, named by the pull): the review scope and the patients they
 * wrote about (patient_access, whose changes they receive whatever the review scope). Sorted, so
 * its digest names the set.
 */
export async function keptPatients(q: Queryable, userId: string, reviewScope: readonly string[]): Promise<string[]> {
  const written = await q.query<{ patient_id: string }>(`SELECT patient_id FROM patient_access WHERE user_id = $1`, [userId]);
  return [...new Set([...reviewScope, ...written.map((r) => r.patient_id)])].sort();
}

/**
 * Names a set of patient ids (sorted), and the department kept whole if any, in 32 hex characters:
 * the client sends it back to skip an unchanged list.
 */
export function scopeDigest(patientIds: readonly string[], department: string | null = null): string {
  const hash = createHash('sha256');
  if (department !== null) hash.update(`department:${department}\n`);
  return hash.update(patientIds.join('\n')).digest('hex').slice(0, 32);
}
