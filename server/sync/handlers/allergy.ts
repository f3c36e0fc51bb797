import { mergeStatusChange, sameDocument } from '../../../shared/sync/merge';
import type { Mutation, Outcome } from '../../../shared/sync/wire';
import { appendChanges } from '../../feed/append';
import { lockPatient, Rejected, requireRole, type MutationContext } from '../context';

type AllergyAdd = Extract<Mutation, { kind: 'allergy.add' }>;
type AllergyStatus = Extract<Mutation, { kind: 'allergy.status.set' }>;

/**
 * One row per allergy: an add never collides with another add, even for the same allergen
 * (two offline edits both survive; DESIGN.md "List-like clinical facts").
 */
export async function addAllergy(ctx: MutationContext, m: AllergyAdd): Promise<Outcome> {
  requireRole(ctx.user, ['physician', 'pharmacist'], 'recording an allergy');
  const p = m.payload;
  await lockPatient(ctx, p.patientId, { grant: true });
  // Insert first: an id seen before (a resend with a new mutation id) is the rare case.
  const inserted = await ctx.tx.query(
    `INSERT INTO allergies (id, patient_id, allergen, reaction, status, recorded_on, recorded_by) VALUES ($1, $2, $3, $4, 'active', $5, $6)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [p.id, p.patientId, p.allergen, p.reaction, p.recordedOn, ctx.user.id],
  );
  if (inserted.length === 0) {
    const [existing] = await ctx.tx.query<{ patient_id: string; allergen: string; reaction: string; recorded_on: string }>(
      `SELECT patient_id, allergen, reaction, recorded_on FROM allergies WHERE id = $1`,
      [p.id],
    );
    if (existing && sameDocument(existing, { patient_id: p.patientId, allergen: p.allergen, reaction: p.reaction, recorded_on: p.recordedOn })) {
      return { status: 'applied', seq: null };
    }
    throw new Rejected('ID_TAKEN', 'an allergy with this id already exists with other content');
  }
  return { status: 'applied', seq: await appendChanges(ctx.tx, 'allergies', [p.id], ctx.meta) };
}

/** Removal (or reinstatement) is a status change with its author and reason; ordered by arrival. */
export async function setAllergyStatus(ctx: MutationContext, m: AllergyStatus): Promise<Outcome> {
  requireRole(ctx.user, ['physician', 'pharmacist'], 'changing an allergy');
  const p = m.payload;
  const [owner] = await ctx.tx.query<{ patient_id: string }>(`SELECT patient_id FROM allergies WHERE id = $1`, [p.allergyId]);
  // The add may sit in a batch this server has not seen yet: retry later rather than refuse.
  if (!owner) throw new Rejected('DEPENDENCY_MISSING', 'no such allergy yet; push its add first', true);
  await lockPatient(ctx, owner.patient_id, { grant: true });
  const [allergy] = await ctx.tx.query<{ status: 'active' | 'removed' }>(`SELECT status FROM allergies WHERE id = $1 FOR UPDATE`, [p.allergyId]);
  if (!allergy || mergeStatusChange(allergy.status, p.status).kind === 'noop') return { status: 'applied', seq: null };
  await ctx.tx.query(
    `UPDATE allergies SET status = $2, status_changed_by = $3, status_reason = $4 WHERE id = $1`,
    [p.allergyId, p.status, ctx.user.id, p.reason],
  );
  return { status: 'applied', seq: await appendChanges(ctx.tx, 'allergies', [p.allergyId], ctx.meta) };
}
