import type { Mutation, Outcome } from '../../../shared/sync/wire';
import { appendChanges } from '../../feed/append';
import { lockPatient, Rejected, requireRole, type MutationContext } from '../context';

type Void = Extract<Mutation, { kind: 'prescription.void' }>;

/** Statuses after which the medicine may already be in the patient's hands. */
const approvedStatuses: ReadonlySet<string> = new Set(['approved', 'dispensed']);

/**
 * The prescriber voids a signed prescription (issue 4). Nothing is deleted (DESIGN.md: clinical
 * history is kept at least 15 years): the void is recorded with author, server time and reason.
 * Before approval the status becomes 'voided', so it leaves the review queue; after approval the
 * status stays what it is (the dispensing happened) and `voided_after_approval` is set for the
 * pharmacist to see. A second void of a voided prescription changes nothing.
 */
export async function voidPrescription(ctx: MutationContext, m: Void): Promise<Outcome> {
  requireRole(ctx.user, ['physician'], 'voiding a prescription');
  const p = m.payload;
  // Patient first, then the prescription: the lock order every handler follows (context.ts).
  const [owner] = await ctx.tx.query<{ patient_id: string }>(`SELECT patient_id FROM prescriptions WHERE id = $1`, [p.prescriptionId]);
  // Its submit may be in a batch not pushed yet (the outbox keeps them in order, but batches split).
  if (!owner) throw new Rejected('DEPENDENCY_MISSING', 'the prescription being voided is not on the server yet', true);
  await lockPatient(ctx, owner.patient_id);
  const [rx] = await ctx.tx.query<{ status: string; author_id: string | null; voided_at: string | null }>(
    `SELECT status, author_id, voided_at FROM prescriptions WHERE id = $1 FOR UPDATE`,
    [p.prescriptionId],
  );
  if (!rx) throw new Rejected('NOT_FOUND', 'no such prescription');
  if (rx.author_id !== ctx.user.id) throw new Rejected('FORBIDDEN', 'only the prescriber may void a prescription');
  if (rx.voided_at !== null) return { status: 'applied', seq: null };

  const afterApproval = approvedStatuses.has(rx.status);
  await ctx.tx.query(
    `UPDATE prescriptions
        SET voided_at = $2, voided_by = $3, void_reason = $4, voided_from_status = status,
            voided_after_approval = $5, status = CASE WHEN $5 THEN status ELSE 'voided' END
      WHERE id = $1`,
    [p.prescriptionId, ctx.now.toISOString(), ctx.user.id, p.reason, afterApproval],
  );
  // review: true, so the pharmacists who queued or dispensed it learn of the void too.
  const seq = await appendChanges(ctx.tx, 'prescriptions', [p.prescriptionId], { ...ctx.meta, review: true });
  return { status: 'applied', seq };
}
