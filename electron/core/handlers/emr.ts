import { sessionOf, type CallContext, type HandlerGroup } from '../dispatch';
import type { emrSigning } from '../emr/emrSigning';
import type { EmrStore } from '../emr/emrService';
import type { Session } from '../session/sessionService';
import type { Actor } from '../store/audit';
import type { PatientAccess } from '../store/patientScope';

type EmrChannel = 'emr:templates' | 'emr:draft:start' | 'emr:draft:save' | 'emr:draft:check' | 'emr:draft:discard' | 'emr:drafts' | 'emr:sign' | 'emr:amend' | 'emr:records';

export const emrHandlers = (store: EmrStore, signing: ReturnType<typeof emrSigning>, actorOf: (call: CallContext) => Actor, access: PatientAccess) => {
  /** The session, once its user may see this patient (their server scope, DESIGN.md). */
  const seeing = (call: CallContext, patientId: string): Session => {
    const session = sessionOf(call);
    access.assertVisible(session.userId, patientId);
    return session;
  };
  return {
    'emr:templates': () => store.templateResources(),
    'emr:draft:start': ({ patientId, templateUrl, encounterId }, call) => store.start(patientId, templateUrl, encounterId, seeing(call, patientId)),
    'emr:draft:save': ({ draftId, answers }, call) => store.save(draftId, answers, sessionOf(call)),
    'emr:draft:check': ({ draftId }, call) => store.checkDraft(draftId, sessionOf(call)),
    'emr:draft:discard': ({ draftId }, call) => store.discard(draftId, sessionOf(call)),
    'emr:drafts': ({ patientId }, call) => store.openDrafts(patientId, seeing(call, patientId)),
    'emr:sign': (request, call) => signing.sign(request, sessionOf(call), call.connectionId, actorOf(call)),
    'emr:amend': ({ recordId, reason }, call) => {
      const record = store.records.get(recordId);
      return store.amend(recordId, reason, record ? seeing(call, record.document.patientId) : sessionOf(call));
    },
    'emr:records': ({ patientId }, call) => {
      seeing(call, patientId);
      return store.list(patientId);
    },
  } satisfies HandlerGroup<EmrChannel>;
};
