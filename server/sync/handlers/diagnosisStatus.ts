import { mergeStatusChange } from '../../../shared/sync/merge';
import type { Mutation, Outcome } from '../../../shared/sync/wire';
import { appendChanges } from '../../feed/append';
import { lockPatient, Rejected, requireRole, type MutationContext } from '../context';

type DiagnosisStatusSet = Extract<Mutation, { kind: 'diagnosis.status.set' }>;

/**
 * Resolving, refuting or reactivating a problem is a status change with its author and reason,
 * never a deletion (issue 11); two devices' changes are ordered by arrival, the last one stands and
 * both stay in the feed. Diagnosing is a physician's act, so is changing a diagnosis.
 */
export async function setDiagnosisStatus(ctx: MutationContext, m: DiagnosisStatusSet): Promise<Outcome> {
  requireRole(ctx.user, ['physician'], 'changing a diagnosis');
  const p = m.payload;
  const [owner] = await ctx.tx.query<{ patient_id: string }>(`SELECT patient_id FROM diagnoses WHERE id = $1`, [p.diagnosisId]);
  // The add may sit in a batch this server has not seen yet: retry later rather than refuse.
  if (!owner) throw new Rejected('DEPENDENCY_MISSING', 'no such diagnosis yet; push its add first', true);
  await lockPatient(ctx, owner.patient_id, { grant: true });
  const [diagnosis] = await ctx.tx.query<{ status: string }>(`SELECT status FROM diagnoses WHERE id = $1 FOR UPDATE`, [p.diagnosisId]);
  if (!diagnosis || mergeStatusChange(diagnosis.status, p.status).kind === 'noop') return { status: 'applied', seq: null };
  await ctx.tx.query(
    `UPDATE diagnoses SET status = $2, status_changed_by = $3, status_reason = $4 WHERE id = $1`,
    [p.diagnosisId, p.status, ctx.user.id, p.reason],
  );
  return { status: 'applied', seq: await appendChanges(ctx.tx, 'diagnoses', [p.diagnosisId], ctx.meta) };
}
