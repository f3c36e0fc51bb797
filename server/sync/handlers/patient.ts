import { randomUUID } from 'node:crypto';
import { mergeScalarField } from '../../../shared/sync/merge';
import type { Mutation, Outcome } from '../../../shared/sync/wire';
import { appendChanges } from '../../feed/append';
import { lockPatient, Rejected, requireRole, type MutationContext } from '../context';

type FieldSet = Extract<Mutation, { kind: 'patient.field.set' }>;

// The only scalar fields a client may set, mapped to their columns (never interpolate input).
const columns = { phone: 'phone', address: 'address' } as const;

/** A scalar patient field, ordered by the server and validated against its base (merge.ts). */
export async function setPatientField(ctx: MutationContext, m: FieldSet): Promise<Outcome> {
  requireRole(ctx.user, ['physician'], 'editing a patient');
  const { patientId, field, value } = m.payload;
  const patient = await lockPatient(ctx, patientId, { grant: true });
  const column = columns[field];
  const [versionRow] = await ctx.tx.query<{ changed_at: number; changed_by: string | null; changed_on_device: string | null }>(
    `SELECT changed_at, changed_by, changed_on_device FROM patient_field_versions WHERE patient_id = $1 AND field = $2`,
    [patientId, field],
  );
  const changedBy = versionRow?.changed_by && versionRow.changed_on_device ? { authorId: versionRow.changed_by, deviceId: versionRow.changed_on_device } : null;
  const state = { value: patient[column], version: patient.version, changedAt: versionRow?.changed_at ?? 1, changedBy };
  const merge = mergeScalarField(state, { value, baseVersion: m.baseVersion, by: { authorId: ctx.user.id, deviceId: ctx.deviceId } });
  switch (merge.kind) {
    case 'invalid':
      throw new Rejected('INVALID', merge.message);
    case 'noop':
      return { status: 'applied', seq: null };
    case 'apply': {
      await ctx.tx.query(`UPDATE patients SET ${column} = $2, version = $3 WHERE id = $1`, [patientId, value, merge.newVersion]);
      await ctx.tx.query(
        `INSERT INTO patient_field_versions (patient_id, field, changed_at, changed_by, changed_on_device) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (patient_id, field) DO UPDATE
           SET changed_at = excluded.changed_at, changed_by = excluded.changed_by, changed_on_device = excluded.changed_on_device`,
        [patientId, field, merge.newVersion, ctx.user.id, ctx.deviceId],
      );
      return { status: 'applied', seq: await appendChanges(ctx.tx, 'patients', [patientId], ctx.meta) };
    }
    case 'conflict': {
      // The server's value stays in the row; the client's is kept beside it for a person to resolve.
      const conflictId = randomUUID();
      await ctx.tx.query(
        `INSERT INTO conflicts (id, patient_id, kind, entity, entity_id, field, server_value, client_value, base_version,
           server_version, author_id, device_id, status, created_at)
         VALUES ($1, $2, 'stale-field', 'patients', $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10)`,
        [conflictId, patientId, field, state.value, value, m.baseVersion, patient.version, ctx.user.id, ctx.deviceId, ctx.now.toISOString()],
      );
      // The patient row goes out again with the conflict: the losing device shows its own value
      // until then, and must converge on the server's while both stay visible in the conflict.
      await appendChanges(ctx.tx, 'patients', [patientId], ctx.meta);
      return { status: 'conflict', conflictId, seq: await appendChanges(ctx.tx, 'conflicts', [conflictId], ctx.meta) };
    }
  }
}
