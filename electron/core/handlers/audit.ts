import type { AuditView } from '../audit/auditView';
import type { CallContext, HandlerGroup } from '../dispatch';
import type { Actor } from '../store/audit';

export const auditHandlers = (view: AuditView, actorOf: (call: CallContext) => Actor) =>
  ({
    'audit:query': (query, call) => view.query(actorOf(call), query),
    'audit:export': (query, call) => view.exportCsv(actorOf(call), query),
  }) satisfies HandlerGroup<'audit:query' | 'audit:export'>;
