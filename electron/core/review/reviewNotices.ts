/**
 * Notices of review outcomes (issue 10): a physician's prescriptions returned and not yet revised
 * or acknowledged; a pharmacist's approvals the prescriber voided afterwards. Both come from rows
 * the feed brought (review_decisions and prescriptions), so they appear offline too once synced.
 */
import type { ReviewNotice } from '../../../shared/ipc/reviewChannels';
import type { Session } from '../session/sessionService';
import type { Db } from '../store/database';
import { reviewTables, type NoticeCandidate } from '../store/reviewTables';
import { decisionView } from './reviewViews';

type NoticeKind = ReviewNotice['kind'];

export function reviewNotices(db: Db, now: () => number) {
  const tables = reviewTables(db);
  const toNotice = (kind: NoticeKind) => (row: NoticeCandidate): ReviewNotice => ({
    kind,
    prescriptionId: row.prescription_id,
    patientId: row.patient_id,
    issuedOn: row.issued_on,
    decision: decisionView(row),
    voidReason: row.void_reason,
    at: kind === 'returned' ? row.recorded_at : (row.voided_at ?? row.recorded_at),
  });

  function list(session: Session): ReviewNotice[] {
    return [
      ...(session.roles.includes('physician') ? tables.returnedNotices(session.userId).map(toNotice('returned')) : []),
      ...(session.roles.includes('pharmacist') ? tables.voidNotices(session.userId).map(toNotice('voided-after-approval')) : []),
    ];
  }

  /** Each user's notices already announced by an event in this run, so a pull announces only new ones. */
  const announced = new Map<string, Set<string>>();
  function unannounced(session: Session): { returned: string[]; voided: string[] } {
    const seen = announced.get(session.userId) ?? new Set<string>();
    announced.set(session.userId, seen);
    const fresh = list(session).filter((n) => !seen.has(`${n.kind}:${n.prescriptionId}`));
    for (const n of fresh) seen.add(`${n.kind}:${n.prescriptionId}`);
    return {
      returned: fresh.filter((n) => n.kind === 'returned').map((n) => n.prescriptionId),
      voided: fresh.filter((n) => n.kind === 'voided-after-approval').map((n) => n.prescriptionId),
    };
  }

  return {
    list,
    unannounced,
    acknowledge: (session: Session, kind: NoticeKind, prescriptionId: string) => {
      tables.acknowledge(session.userId, kind, prescriptionId, new Date(now()).toISOString());
      // Acknowledged whether or not it was already: what matters is that it no longer shows.
      return { acknowledged: !list(session).some((n) => n.kind === kind && n.prescriptionId === prescriptionId) };
    },
  };
}
export type ReviewNotices = ReturnType<typeof reviewNotices>;
