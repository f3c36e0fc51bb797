import { z } from 'zod';
import { canonicalJson } from '../domain/canonical';
import { adrRuleBroken, AdrReportFields } from '../adr/report';

/**
 * Adverse drug reaction reports on the sync wire (issue 13). A report is recorded once and never
 * changed or deleted, on either side: a correction is a new report (the form's 跟踪报告, follow-up
 * report) naming the one it corrects, with a reason. Reports are patient-scoped like allergies, so
 * every workstation that holds the patient's chart receives them.
 *
 * The payload carries the reporter's statement (`AdrReportFields`) and is refused whole, by the
 * same rules the workstation applied (shared/adr/report.ts), when it breaks one.
 */
const uuid = z.uuid();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const AdrReportPayload = z
  .object({
    id: uuid,
    patientId: uuid,
    /** The report this one corrects (a follow-up report), or null for a first report. */
    previousId: uuid.nullable(),
    correctionReason: z.string().trim().min(1).max(500).nullable(),
    /** The reporter's day of recording (their clock; the server keeps its own receipt time). */
    reportedOn: isoDate,
    report: AdrReportFields,
  })
  .strict()
  .superRefine((p, ctx) => {
    if ((p.previousId === null) !== (p.correctionReason === null)) {
      ctx.addIssue({ code: 'custom', path: ['correctionReason'], message: 'a correction names the report it corrects and why; a first report neither' });
    }
    const broken = adrRuleBroken(p.report, p.reportedOn);
    if (broken) ctx.addIssue({ code: 'custom', path: ['report'], message: broken });
  });
export type AdrReportPayload = z.infer<typeof AdrReportPayload>;

export const adrMutationPayloads = { 'adr.report.record': AdrReportPayload } as const;

/**
 * The text a report's statement is stored as on both sides: the fields parsed (fixed key order)
 * in canonical JSON, so a resent copy compares byte for byte with the one kept.
 */
export const adrReportJson = (fields: AdrReportFields): string => canonicalJson(AdrReportFields.parse(fields));

const id = z.string().min(1).max(64);

/** A report as the feed carries it: the workstation's `adr_reports` columns (migration 018). */
export const AdrReportRow = z.object({
  id,
  patient_id: id,
  previous_id: id.nullable(),
  correction_reason: z.string().nullable(),
  reported_on: isoDate,
  reported_by: id,
  /** 报告人职业: 'physician' or 'pharmacist', from the reporter's account when it was recorded. */
  reporter_role: z.enum(['physician', 'pharmacist']),
  report: z.string(), // adrReportJson
  /** Server time it was received, ISO 8601; null on the workstation until the feed's copy arrives. */
  recorded_at: z.string().nullable(),
});
