import { AppFailure } from '../../../shared/result';
import type { ChartReads } from '../audit/chartReads';
import type { Actor } from '../store/audit';
import type { PatientAccess } from '../store/patientScope';
import type { PatientsTable } from '../store/patients';
import { sessionOf, type CallContext, type HandlerGroup } from '../dispatch';

const userOf = (call: CallContext) => sessionOf(call).userId;

/** Every page shown and every chart opened is audited once it has been read (chartReads.ts). */
export const patientHandlers = (patients: PatientsTable, access: PatientAccess, reads: ChartReads, actorOf: (call: CallContext) => Actor) =>
  ({
    'patients:search': ({ query, limit }, call) => {
      const page = patients.search(query, limit, access.scopeUser(userOf(call)));
      reads.searched(actorOf(call), query, page.patients.map((p) => p.id));
      return page;
    },
    'patients:summary': ({ patientId }, call) => {
      access.assertVisible(userOf(call), patientId);
      const summary = patients.summary(patientId);
      if (!summary) throw new AppFailure('NOT_FOUND', 'No patient with that id is stored on this workstation.');
      reads.opened(actorOf(call), patientId);
      return summary;
    },
  }) satisfies HandlerGroup<'patients:search' | 'patients:summary'>;
