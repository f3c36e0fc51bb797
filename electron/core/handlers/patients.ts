import { AppFailure } from '../../../shared/result';
import type { ChartReads } from '../audit/chartReads';
import type { Actor } from '../store/audit';
import type { PatientAccess } from '../store/patientScope';
import type { PatientsTable } from '../store/patients';
import type { RecentPatients } from '../store/recentPatients';
import { sessionOf, type CallContext, type HandlerGroup } from '../dispatch';

const userOf = (call: CallContext) => sessionOf(call).userId;
const notStored = () => new AppFailure('NOT_FOUND', 'No patient with that id is stored on this workstation.');

interface PatientHandlerDeps {
  patients: PatientsTable;
  access: PatientAccess;
  /** Every page shown and every chart opened is audited once it has been read (chartReads.ts). */
  reads: ChartReads;
  actorOf: (call: CallContext) => Actor;
  recent: RecentPatients;
  now: () => number;
}

export const patientHandlers = ({ patients, access, reads, actorOf, recent, now }: PatientHandlerDeps) =>
  ({
    'patients:search': ({ query, limit }, call) => {
      const page = patients.search(query, limit, {
        scopeUser: access.scopeUser(userOf(call)),
        userId: userOf(call),
        today: new Date(now()).toISOString().slice(0, 10),
      });
      reads.searched(actorOf(call), query, page.patients.map((p) => p.id));
      return page;
    },
    /** Opening the chart: audited, and it goes to the top of this user's recently opened patients. */
    'patients:summary': ({ patientId }, call) => {
      access.assertVisible(userOf(call), patientId);
      const summary = patients.summary(patientId);
      if (!summary) throw notStored();
      reads.opened(actorOf(call), patientId);
      recent.opened(userOf(call), patientId);
      return summary;
    },
    'patients:timeline': ({ patientId, after, limit }, call) => {
      access.assertVisible(userOf(call), patientId);
      if (!patients.exists(patientId)) throw notStored();
      return patients.timeline(patientId, after, limit);
    },
  }) satisfies HandlerGroup<'patients:search' | 'patients:summary' | 'patients:timeline'>;
