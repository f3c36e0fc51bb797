import type { HospitalAdmin } from '../admin/hospitalAdmin';
import type { CallContext, HandlerGroup } from '../dispatch';
import type { Actor } from '../store/audit';

/** The admin console's channels (shared/ipc/adminConsoleChannels.ts); the contract admits the admin role only. */
export const adminConsoleHandlers = (hospital: HospitalAdmin, actorOf: (call: CallContext) => Actor) =>
  ({
    'admin:accounts:list': (_request, call) => hospital.listAccounts(actorOf(call)),
    'admin:accounts:create': (request, call) => hospital.createAccount(actorOf(call), request),
    'admin:accounts:update': ({ id, changes }, call) => hospital.updateAccount(actorOf(call), id, changes),
    'admin:devices:list': (_request, call) => hospital.listDevices(actorOf(call)),
    'admin:devices:decide': ({ id, decision }, call) => hospital.decideDevice(actorOf(call), id, decision),
    'admin:settings:get': (_request, call) => hospital.settings(actorOf(call)),
    'admin:settings:set': ({ changes }, call) => hospital.setSettings(actorOf(call), changes),
    'admin:formulary:import': (request, call) => hospital.importFormulary(actorOf(call), request),
    'admin:templates:import': (request, call) => hospital.importTemplate(actorOf(call), request),
  }) satisfies HandlerGroup<
    | 'admin:accounts:list'
    | 'admin:accounts:create'
    | 'admin:accounts:update'
    | 'admin:devices:list'
    | 'admin:devices:decide'
    | 'admin:settings:get'
    | 'admin:settings:set'
    | 'admin:formulary:import'
    | 'admin:templates:import'
  >;
