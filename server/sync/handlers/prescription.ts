import { randomUUID } from 'node:crypto';
import { mergeNewVersion } from '../../../shared/sync/merge';
import type { Mutation, Outcome } from '../../../shared/sync/wire';
import { appendChanges } from '../../feed/append';
import { resendReviewHistory } from '../../feed/backfill';
import { grantAccess, lockPatient, Rejected, requireRole, type MutationContext } from '../context';
import { checkOnArrival } from '../../rx/arrivalCheck';
import { requireEncounter } from './clinical';
import { sameSignedDocument, signedColumnNames, signedColumns, verifySignedPrescription } from './signedPrescription';

type Submit = Extract<Mutation, { kind: 'prescription.submit' }>;

/**
 * A signed prescription enters pharmacist review (status 'submitted'). Signed documents are
 * immutable: the same id with other content is refused; a correction is a new id pointing at the
 * old one (DESIGN.md "Offline rules"). Two corrections of one version are both kept (a branch,
 * surfaced as a conflict), because refusing either would lose a signed document. The signature is
 * checked first, before any lock is taken or anything written (signedPrescription.ts). The safety
 * checks are then run again on the server's record and stored with it (rx/arrivalCheck.ts).
 */
export async function submitPrescription(ctx: MutationContext, m: Submit): Promise<Outcome> {
  requireRole(ctx.user, ['physician'], 'prescribing');
  const p = m.payload;
  const verified = await verifySignedPrescription(ctx, p);
  await lockPatient(ctx, p.patientId);
  await requireEncounter(ctx, p.encounterId, p.patientId);
  // Read under the patient's lock, so two submissions for one patient agree on which came first.
  const [queued] = await ctx.tx.query<{ waiting: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM prescriptions WHERE patient_id = $1 AND status = 'submitted') AS waiting`,
    [p.patientId],
  );
  const items = JSON.stringify(p.items);
  const [existing] = await ctx.tx.query<{ patient_id: string; encounter_id: string | null; issued_on: string; items: string; previous_id: string | null; signed_payload: string | null }>(
    `SELECT patient_id, encounter_id, issued_on, items, previous_id, signed_payload FROM prescriptions WHERE id = $1`,
    [p.id],
  );
  if (existing) {
    const { signed_payload: storedPayload, ...stored } = existing;
    if (sameSignedDocument(storedPayload, { ...stored, items: JSON.parse(stored.items) as unknown }, p)) {
      return { status: 'applied', seq: null };
    }
    throw new Rejected('IMMUTABLE', 'a signed prescription with this id exists with other content; send a correction with a new id');
  }

  let branchOf: { previousId: string; otherId: string } | null = null;
  let supersede = false;
  if (p.previousId !== null) {
    const [previous] = await ctx.tx.query<{ id: string; patient_id: string; status: string; replaced_by: string | null }>(
      `SELECT r.id, r.patient_id, r.status,
              (SELECT n.id FROM prescriptions n WHERE n.previous_id = r.id ORDER BY n.id LIMIT 1) AS replaced_by
         FROM prescriptions r WHERE r.id = $1 FOR UPDATE`,
      [p.previousId],
    );
    if (!previous) throw new Rejected('DEPENDENCY_MISSING', 'the prescription being corrected is not on the server yet', true);
    const merge = mergeNewVersion({ id: previous.id, patientId: previous.patient_id, replacedBy: previous.replaced_by }, { id: p.id, patientId: p.patientId });
    if (merge.kind === 'invalid') throw new Rejected('INVALID', merge.message);
    if (merge.kind === 'branch') branchOf = { previousId: previous.id, otherId: merge.alreadyReplacedBy };
    // Only a version still awaiting review is withdrawn; a dispensed one stays dispensed, with its correction beside it.
    supersede = previous.status === 'submitted';
  }

  const signed = signedColumns(p, verified, ctx.now);
  const arrival = await checkOnArrival(ctx.tx, p, ctx.now);
  const unacknowledged = arrival.alerts.filter((a) => !a.acknowledged).length;
  await ctx.tx.query(
    `INSERT INTO prescriptions (id, patient_id, encounter_id, issued_on, status, items, previous_id, author_id, correction_reason,
       arrival_check, arrival_unacknowledged, submitted_at, ${signedColumnNames.join(', ')})
     VALUES ($1, $2, $3, $4, 'submitted', $5, $6, $7, $8, $9, $10, $11, ${signedColumnNames.map((_, i) => `$${i + 12}`).join(', ')})`,
    [p.id, p.patientId, p.encounterId, p.issuedOn, items, p.previousId, ctx.user.id, p.reason, JSON.stringify(arrival), unacknowledged, ctx.now, ...signed],
  );
  if (supersede && p.previousId) await ctx.tx.query(`UPDATE prescriptions SET status = 'superseded' WHERE id = $1`, [p.previousId]);
  let conflictId: string | null = null;
  if (branchOf) {
    conflictId = randomUUID();
    await ctx.tx.query(
      `INSERT INTO conflicts (id, patient_id, kind, entity, entity_id, field, server_value, client_value, base_version, server_version,
         author_id, device_id, status, created_at)
       VALUES ($1, $2, 'version-branch', 'prescriptions', $3, NULL, $4, $5, NULL, NULL, $6, $7, 'open', $8)`,
      [conflictId, p.patientId, branchOf.previousId, branchOf.otherId, p.id, ctx.user.id, ctx.deviceId, ctx.now.toISOString()],
    );
  }
  await grantAccess(ctx, p.patientId);

  // Feed: the prescription, then its patient's context for the pharmacists' queue (review: true).
  let seq = await appendChanges(ctx.tx, 'prescriptions', supersede && p.previousId ? [p.previousId, p.id] : [p.id], ctx.meta);
  const context = { ...ctx.meta, review: true };
  seq = await appendChanges(ctx.tx, 'patients', [p.patientId], context);
  seq = await appendChanges(ctx.tx, 'encounters', [p.encounterId], context);
  for (const table of ['allergies', 'diagnoses'] as const) {
    const ids = (await ctx.tx.query<{ id: string }>(`SELECT id FROM ${table} WHERE patient_id = $1 ORDER BY id`, [p.patientId])).map((r) => r.id);
    if (ids.length > 0) seq = await appendChanges(ctx.tx, table, ids, context);
  }
  // Back into the pharmacists' scope: with the prescriptions before this one (feed/backfill.ts).
  if (!queued?.waiting) seq = (await resendReviewHistory(ctx.tx, p.patientId, [p.id])) ?? seq;
  if (conflictId) {
    seq = await appendChanges(ctx.tx, 'conflicts', [conflictId], ctx.meta);
    return { status: 'conflict', conflictId, seq };
  }
  return { status: 'applied', seq };
}
