import { sessionOf, type CallContext, type HandlerGroup } from '../dispatch';
import type { emrPrint } from '../emr/emrPrint';
import type { Actor } from '../store/audit';
import type { PatientAccess } from '../store/patientScope';

export const emrPrintHandlers = (printing: ReturnType<typeof emrPrint>, actorOf: (call: CallContext) => Actor, access: PatientAccess) =>
  ({
    'emr:record:print': ({ recordId }, call) => printing.print(recordId, actorOf(call), (patientId) => access.assertVisible(sessionOf(call).userId, patientId)),
  }) satisfies HandlerGroup<'emr:record:print'>;
