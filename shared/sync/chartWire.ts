import { z } from 'zod';

/**
 * The chart's additions to the sync wire (issue 11). A diagnosis on the problem list is one row
 * per item, as an allergy is: it is never deleted, and resolving (or refuting) it is a status
 * change with its author and reason, ordered by the server's arrival order.
 *
 * Statuses follow FHIR R4 Condition (hl7.org/fhir/R4/valueset-condition-clinical.html for active,
 * remission and resolved; valueset-condition-ver-status.html for refuted, a diagnosis found wrong).
 */
export const diagnosisStatuses = ['active', 'remission', 'resolved', 'refuted'] as const;
export const DiagnosisStatus = z.enum(diagnosisStatuses);
export type DiagnosisStatus = z.infer<typeof DiagnosisStatus>;

export const chartMutationPayloads = {
  'diagnosis.status.set': z.object({
    diagnosisId: z.uuid(),
    status: DiagnosisStatus,
    reason: z.string().trim().min(1).max(500),
  }),
} as const;
