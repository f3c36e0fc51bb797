/**
 * Adverse drug reaction reports (issue 13), spread into the one contract (contract.ts).
 *
 *   adr:record  { patientId, previousId, correctionReason, report } -> { reportId }   clinical,
 *               verified session; mutation `adr.report.record` (shared/sync/adrWire.ts). The
 *               report's rules refuse it with their own codes (shared/adr/errors.ts), nothing written.
 *   adr:list    { patientId } -> { reports }   clinical; newest first, with follow-ups linked
 */
import { z } from 'zod';
import { AdrReportFields } from '../adr/report';
import type { Role } from '../domain/roles';

const clinical = ['physician', 'pharmacist'] as const satisfies readonly Role[];
const id = z.string().min(1).max(64);

export const AdrReportView = z.object({
  id: z.string(),
  patientId: z.string(),
  previousId: z.string().nullable(),
  correctionReason: z.string().nullable(),
  reportedOn: z.string(),
  reportedBy: z.string(),
  reporterName: z.string(),
  reporterRole: z.enum(['physician', 'pharmacist']),
  /** The server's receipt time; null while the report waits to be sent. */
  recordedAt: z.string().nullable(),
  /** Follow-up reports that correct this one. */
  correctedBy: z.array(z.string()),
  report: AdrReportFields,
});
export type AdrReportView = z.infer<typeof AdrReportView>;

export const adrChannels = {
  'adr:record': {
    request: z
      .object({
        patientId: id,
        previousId: id.nullable().default(null),
        correctionReason: z.string().trim().min(1, 'say why the report is corrected').max(500).nullable().default(null),
        report: AdrReportFields,
      })
      .strict()
      .refine((r) => (r.previousId === null) === (r.correctionReason === null), {
        message: 'a follow-up report names the report it corrects and why',
        path: ['correctionReason'],
      }),
    response: z.object({ reportId: z.string() }),
    access: clinical,
    requiresVerifiedSession: true as const,
  },
  'adr:list': {
    request: z.object({ patientId: id }).strict(),
    response: z.object({ reports: z.array(AdrReportView) }),
    access: clinical,
  },
};
