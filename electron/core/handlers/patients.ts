import { AppFailure } from '../../../shared/result';
import type { PatientAccess } from '../store/patientScope';
import type { PatientsTable } from '../store/patients';
import { sessionOf, type CallContext, type HandlerGroup } from '../dispatch';

const userOf = (call: CallContext) => sessionOf(call).userId;

export const patientHandlers = (patients: PatientsTable, access: PatientAccess) =>
  ({
    'patients:search': ({ query, limit }, call) => patients.search(query, limit, access.scopeUser(userOf(call))),
    'patients:summary': ({ patientId }, call) => {
      access.assertVisible(userOf(call), patientId);
      const summary = patients.summary(patientId);
      if (!summary) throw new AppFailure('NOT_FOUND', 'No patient with that id is stored on this workstation.');
      return summary;
    },
  }) satisfies HandlerGroup<'patients:search' | 'patients:summary'>;
