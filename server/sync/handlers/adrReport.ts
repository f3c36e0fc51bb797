import { adrReportJson } from '../../../shared/sync/adrWire';
import type { Mutation, Outcome } from '../../../shared/sync/wire';
import { appendChanges } from '../../feed/append';
import { lockPatient, Rejected, requireRole, type MutationContext } from '../context';

type AdrReportRecord = Extract<Mutation, { kind: 'adr.report.record' }>;

/**
 * A suspected adverse drug reaction report (shared/sync/adrWire.ts), kept as reported: the wire
 * schema has already applied the report's rules (shared/adr/report.ts). One row per report, so two
 * devices' reports of the same reaction both survive; a follow-up names the report it corrects.
 */
export async function recordAdrReport(ctx: MutationContext, m: AdrReportRecord): Promise<Outcome> {
  requireRole(ctx.user, ['physician', 'pharmacist'], 'reporting an adverse drug reaction');
  const p = m.payload;
  await lockPatient(ctx, p.patientId, { grant: true });
  const report = adrReportJson(p.report);

  const [existing] = await ctx.tx.query<{ patient_id: string; previous_id: string | null; reported_on: string; reported_by: string; report: string }>(
    `SELECT patient_id, previous_id, reported_on, reported_by, report FROM adr_reports WHERE id = $1`,
    [p.id],
  );
  if (existing) {
    const same = existing.patient_id === p.patientId && existing.previous_id === p.previousId && existing.reported_on === p.reportedOn
      && existing.reported_by === ctx.user.id && existing.report === report;
    if (same) return { status: 'applied', seq: null };
    throw new Rejected('ID_TAKEN', 'a report with this id already exists with other content');
  }
  if (p.previousId !== null) {
    const [previous] = await ctx.tx.query<{ patient_id: string }>(`SELECT patient_id FROM adr_reports WHERE id = $1`, [p.previousId]);
    // The report corrected may sit in a batch this server has not seen yet: retry later.
    if (!previous) throw new Rejected('DEPENDENCY_MISSING', 'the report corrected is not here yet; push it first', true);
    if (previous.patient_id !== p.patientId) throw new Rejected('INVALID', 'a follow-up report corrects a report of the same patient');
  }
  const role = ctx.user.roles.includes('physician') ? 'physician' : 'pharmacist';
  await ctx.tx.query(
    `INSERT INTO adr_reports (id, patient_id, previous_id, correction_reason, reported_on, reported_by, reporter_role, report, device_id, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [p.id, p.patientId, p.previousId, p.correctionReason, p.reportedOn, ctx.user.id, role, report, ctx.deviceId, ctx.now.toISOString()],
  );
  return { status: 'applied', seq: await appendChanges(ctx.tx, 'adr_reports', [p.id], ctx.meta) };
}
