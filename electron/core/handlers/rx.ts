import { sessionOf, type CallContext, type HandlerGroup } from '../dispatch';
import type { Session } from '../session/sessionService';
import type { Actor } from '../store/audit';
import type { PatientAccess } from '../store/patientScope';
import type { RxStore } from '../rx/rxService';
import type { rxSigning } from '../rx/rxSigning';

type RxChannel =
  | 'rx:search'
  | 'rx:visit:open'
  | 'rx:visit:get'
  | 'rx:draft:add'
  | 'rx:draft:save'
  | 'rx:draft:discard'
  | 'rx:sign:preview'
  | 'rx:sign'
  | 'rx:list'
  | 'rx:void'
  | 'rx:revise';

export const rxHandlers = (
  store: RxStore,
  signing: ReturnType<typeof rxSigning>,
  actorOf: (call: CallContext) => Actor,
  access: PatientAccess,
) => {
  /** The session, once its user may see this patient (their server scope, DESIGN.md). */
  const seeing = (call: CallContext, patientId: string): Session => {
    const session = sessionOf(call);
    access.assertVisible(session.userId, patientId);
    return session;
  };
  return {
    'rx:search': ({ query, limit }) => store.search(query, limit),
    'rx:visit:open': ({ patientId }, call) => store.openVisit(patientId, seeing(call, patientId)),
    'rx:visit:get': ({ patientId, encounterId }, call) => store.getVisit(patientId, encounterId, seeing(call, patientId)),
    'rx:draft:add': ({ patientId, encounterId, content }, call) => store.addDraft(patientId, encounterId, seeing(call, patientId), content),
    'rx:draft:save': ({ draftId, content }, call) => store.saveDraft(draftId, content, sessionOf(call)),
    'rx:draft:discard': ({ draftId }, call) => store.discardDraft(draftId, sessionOf(call)),
    'rx:sign:preview': ({ draftId }, call) => signing.preview(draftId, sessionOf(call)),
    'rx:sign': (request, call) => signing.sign(request, sessionOf(call), call.connectionId, actorOf(call)),
    'rx:list': ({ patientId }, call) => {
      seeing(call, patientId);
      return store.list(patientId);
    },
    'rx:void': ({ prescriptionId, reason }, call) => signing.voidPrescription(prescriptionId, reason, sessionOf(call), actorOf(call)),
    'rx:revise': ({ prescriptionId, reason }, call) => signing.revise(prescriptionId, reason, sessionOf(call)),
  } satisfies HandlerGroup<RxChannel>;
};
