import type { DeviceAdmin } from '../admin/deviceAdmin';
import type { CallContext, HandlerGroup } from '../dispatch';
import type { Actor } from '../store/audit';

/** The contract admits only the admin role here; the actor comes from that admin's session. */
export const adminHandlers = (admin: DeviceAdmin, actorOf: (call: CallContext) => Actor) =>
  ({
    'admin:device': () => admin.overview(),
    'admin:outbox:release': (_request, call) => admin.release(actorOf(call)),
    'admin:outbox:export': (_request, call) => admin.exportOutbox(actorOf(call)),
    'admin:quarantine:export': (request, call) => admin.exportQuarantine(actorOf(call), request.passphrase),
    'admin:quarantine:clear': (_request, call) => admin.clearQuarantine(actorOf(call)),
    'admin:device:reregister': (_request, call) => admin.reregister(actorOf(call)),
  }) satisfies HandlerGroup<'admin:device' | 'admin:outbox:release' | 'admin:outbox:export' | 'admin:quarantine:export' | 'admin:quarantine:clear' | 'admin:device:reregister'>;
