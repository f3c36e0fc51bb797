/**
 * The chart's channels (issue 11), spread into the one contract (contract.ts). The chart itself
 * opens with `patients:summary`; these page its timeline and change its problem list.
 *
 *   patients:timeline    { patientId, after, limit } -> TimelinePage   clinical; newest first, `after`
 *                        the last entry of the page before (null: from the newest)
 *   diagnoses:setStatus  { diagnosisId, status, reason } -> { diagnosisId }   physician, verified
 *                        session; a status change with author and reason, never a deletion
 *                        (mutation `diagnosis.status.set`, shared/sync/chartWire.ts)
 */
import { z } from 'zod';
import { TimelineCursor, TimelinePage, timelinePageSize } from '../domain/chart';
import type { Role } from '../domain/roles';
import { DiagnosisStatus } from '../sync/chartWire';

const physician = ['physician'] as const satisfies readonly Role[];
const clinical = ['physician', 'pharmacist'] as const satisfies readonly Role[];
const id = z.string().min(1).max(64);

export const chartChannels = {
  'patients:timeline': {
    request: z.object({ patientId: id, after: TimelineCursor.nullable().default(null), limit: z.number().int().min(1).max(100).default(timelinePageSize) }).strict(),
    response: TimelinePage,
    access: clinical,
  },
  'diagnoses:setStatus': {
    request: z.object({ diagnosisId: id, status: DiagnosisStatus, reason: z.string().trim().min(1, 'a reason is required').max(500) }).strict(),
    response: z.object({ diagnosisId: z.string() }),
    access: physician,
    requiresVerifiedSession: true as const,
  },
};
