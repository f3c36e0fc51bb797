import { sessionOf, type CallContext, type HandlerGroup } from '../dispatch';
import type { Actor } from '../store/audit';
import type { PatientAccess } from '../store/patientScope';
import type { rxPrint } from '../rx/rxPrint';
import type { RxStore } from '../rx/rxService';
import { AppFailure } from '../../../shared/result';

export const rxRiskHandlers = (store: RxStore, printing: ReturnType<typeof rxPrint>, actorOf: (call: CallContext) => Actor, access: PatientAccess) =>
  ({
    'rx:leaflets': ({ ids }) => printing.leaflets(ids),
    'rx:print': ({ prescriptionId }, call) => {
      const record = store.prescriptions.get(prescriptionId);
      if (!record) throw new AppFailure('NOT_FOUND', 'No prescription with that id is stored on this workstation.');
      access.assertVisible(sessionOf(call).userId, record.patientId);
      return printing.print(prescriptionId, actorOf(call));
    },
  }) satisfies HandlerGroup<'rx:leaflets' | 'rx:print'>;
