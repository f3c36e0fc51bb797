import { AppFailure } from '../../../shared/result';
import type { PatientAccess } from '../store/patientScope';
import type { PatientsTable } from '../store/patients';
import type { RecentPatients } from '../store/recentPatients';
import { sessionOf, type CallContext, type HandlerGroup } from '../dispatch';

const userOf = (call: CallContext) => sessionOf(call).userId;
const notStored = () => new AppFailure('NOT_FOUND', 'No patient with that id is stored on this workstation.');

export const patientHandlers = (patients: PatientsTable, access: PatientAccess, recent: RecentPatients, now: () => number) =>
  ({
    'patients:search': ({ query, limit }, call) =>
      patients.search(query, limit, {
        scopeUser: access.scopeUser(userOf(call)),
        userId: userOf(call),
        today: new Date(now()).toISOString().slice(0, 10),
      }),
    /** Opening the chart: it also goes to the top of this user's recently opened patients. */
    'patients:summary': ({ patientId }, call) => {
      access.assertVisible(userOf(call), patientId);
      const summary = patients.summary(patientId);
      if (!summary) throw notStored();
      recent.opened(userOf(call), patientId);
      return summary;
    },
    'patients:timeline': ({ patientId, after, limit }, call) => {
      access.assertVisible(userOf(call), patientId);
      if (!patients.exists(patientId)) throw notStored();
      return patients.timeline(patientId, after, limit);
    },
  }) satisfies HandlerGroup<'patients:search' | 'patients:summary' | 'patients:timeline'>;
