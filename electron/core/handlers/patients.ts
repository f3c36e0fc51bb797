import { AppFailure } from '../../../shared/result';
import type { PatientsTable } from '../store/patients';
import type { HandlerGroup } from '../dispatch';

export const patientHandlers = (patients: PatientsTable) =>
  ({
    'patients:search': ({ query, limit }) => patients.search(query, limit),
    'patients:summary': ({ patientId }) => {
      const summary = patients.summary(patientId);
      if (!summary) throw new AppFailure('NOT_FOUND', 'No patient with that id is stored on this workstation.');
      return summary;
    },
  }) satisfies HandlerGroup<'patients:search' | 'patients:summary'>;
