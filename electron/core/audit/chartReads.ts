import { auditSubject, subjectOf } from '../../../shared/audit/subjects';
import type { Actor, AuditLog } from '../store/audit';

/**
 * Chart reads, audited in batches (issue 12): a search page is one entry naming each patient it
 * showed, a chart open one entry naming its patient, so a search costs one insert whatever the page
 * size. Only ids are recorded: the search text may hold a name or an identity number, so it stays
 * out (its length is kept, to tell a browse from a lookup).
 */
export function chartReads(audit: AuditLog) {
  return {
    searched(actor: Actor, query: string, patientIds: readonly string[]): void {
      if (patientIds.length === 0) return; // nothing was shown, nothing was read
      audit.append(actor, 'chart.search', auditSubject('search', 'patients'), { shown: patientIds.length, queryLength: query.trim().length }, patientIds.map(subjectOf.patient));
    },
    opened(actor: Actor, patientId: string): void {
      audit.append(actor, 'chart.open', subjectOf.patient(patientId));
    },
  };
}
export type ChartReads = ReturnType<typeof chartReads>;
