import { sameDocument } from '../../../shared/sync/merge';
import type { Mutation, Outcome } from '../../../shared/sync/wire';
import { appendChanges } from '../../feed/append';
import { lockPatient, Rejected, requireRole, type MutationContext } from '../context';

type EncounterAdd = Extract<Mutation, { kind: 'encounter.add' }>;
type DiagnosisAdd = Extract<Mutation, { kind: 'diagnosis.add' }>;

/**
 * Append-only records: a resent id is fine if identical, refused if it says something else.
 * Called when an insert found the id taken (ON CONFLICT DO NOTHING), the rare case.
 */
async function existingSame(ctx: MutationContext, sql: string, id: string, expected: Record<string, unknown>): Promise<true> {
  const [row] = await ctx.tx.query(sql, [id]);
  if (row && sameDocument(row, expected)) return true;
  throw new Rejected('ID_TAKEN', 'a record with this id already exists with other content');
}

export async function addEncounter(ctx: MutationContext, m: EncounterAdd): Promise<Outcome> {
  requireRole(ctx.user, ['physician'], 'recording an encounter');
  const p = m.payload;
  await lockPatient(ctx, p.patientId, { grant: true });
  // Department and physician come from the account, not the client: they are facts the server knows.
  const inserted = await ctx.tx.query(
    `INSERT INTO encounters (id, patient_id, date, kind, channel, department, physician_name, chief_complaint, author_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [p.id, p.patientId, p.date, p.kind, p.channel, ctx.user.department, ctx.user.displayName, p.chiefComplaint, ctx.user.id],
  );
  if (inserted.length === 0) {
    const expected = { patient_id: p.patientId, date: p.date, kind: p.kind, channel: p.channel, chief_complaint: p.chiefComplaint, author_id: ctx.user.id };
    await existingSame(ctx, `SELECT patient_id, date, kind, channel, chief_complaint, author_id FROM encounters WHERE id = $1`, p.id, expected);
    return { status: 'applied', seq: null };
  }
  return { status: 'applied', seq: await appendChanges(ctx.tx, 'encounters', [p.id], ctx.meta) };
}

/** Checks that a referenced encounter exists and belongs to the same patient. */
export async function requireEncounter(ctx: MutationContext, encounterId: string, patientId: string): Promise<void> {
  const [encounter] = await ctx.tx.query<{ patient_id: string }>(`SELECT patient_id FROM encounters WHERE id = $1`, [encounterId]);
  if (!encounter) throw new Rejected('DEPENDENCY_MISSING', 'the encounter is not on the server yet; push it first', true);
  if (encounter.patient_id !== patientId) throw new Rejected('INVALID', 'the encounter belongs to another patient');
}

export async function addDiagnosis(ctx: MutationContext, m: DiagnosisAdd): Promise<Outcome> {
  requireRole(ctx.user, ['physician'], 'recording a diagnosis');
  const p = m.payload;
  await lockPatient(ctx, p.patientId, { grant: true });
  if (p.encounterId !== null) await requireEncounter(ctx, p.encounterId, p.patientId);
  const inserted = await ctx.tx.query(
    `INSERT INTO diagnoses (id, patient_id, encounter_id, icd10, label, setting, diagnosed_on, author_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [p.id, p.patientId, p.encounterId, p.icd10, p.label, p.setting, p.diagnosedOn, ctx.user.id],
  );
  if (inserted.length === 0) {
    const expected = {
      patient_id: p.patientId, encounter_id: p.encounterId, icd10: p.icd10, label: p.label, setting: p.setting, diagnosed_on: p.diagnosedOn, author_id: ctx.user.id,
    };
    await existingSame(ctx, `SELECT patient_id, encounter_id, icd10, label, setting, diagnosed_on, author_id FROM diagnoses WHERE id = $1`, p.id, expected);
    return { status: 'applied', seq: null };
  }
  return { status: 'applied', seq: await appendChanges(ctx.tx, 'diagnoses', [p.id], ctx.meta) };
}
