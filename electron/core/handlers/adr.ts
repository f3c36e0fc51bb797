import type { AdrReports } from '../adr/adrReports';
import { sessionOf, type CallContext, type HandlerGroup } from '../dispatch';
import type { Actor } from '../store/audit';

export const adrHandlers = (reports: AdrReports, actorOf: (call: CallContext) => Actor) =>
  ({
    'adr:record': (request, call) => reports.record(actorOf(call), request),
    'adr:list': ({ patientId }, call) => ({ reports: reports.list(sessionOf(call).userId, patientId) }),
  }) satisfies HandlerGroup<'adr:record' | 'adr:list'>;
