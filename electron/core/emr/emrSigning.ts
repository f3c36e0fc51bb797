/**
 * Signing an outpatient record (issue 11): after a fresh verification (the session service's one
 * signing rule), the checked answers become a QuestionnaireResponse, the document is signed with
 * the author's SM2 key over its canonical JSON (the one signer) and its SM3 digest kept, and in ONE
 * transaction the record is stored (immutable from then on), the draft closed, the visit's
 * encounter written if new, the record queued in the outbox for the server (shared/sync/emrWire.ts),
 * and an audit entry appended. Works offline.
 */
import { sm3 } from 'sm-crypto-v2';
import { RecordDocument, recordBytes } from '../../../shared/emr/record';
import { questionnaireResponse } from '../../../shared/emr/response';
import type { EmrRecordView } from '../../../shared/ipc/emrChannels';
import { hospitalDay } from '../../../shared/rx/lifecycle';
import { AppFailure } from '../../../shared/result';
import { spendRequestProof, verifyRequestProof, type RequestProof } from '../face/requestVerification';
import type { SigningProofs } from '../face/signingProofs';
import type { Session, SessionService } from '../session/sessionService';
import type { DeviceSyncFacts } from '../session/signingFreshness';
import type { Signer } from '../signing/signer';
import { subjectOf } from '../../../shared/audit/subjects';
import { auditLog, type Actor } from '../store/audit';
import { outboxTable } from '../store/outbox';
import { prescriptionsTable } from '../store/prescriptions';
import type { EmrDeps, EmrStore } from './emrService';

export interface EmrSigningDeps extends EmrDeps {
  store: EmrStore;
  sessions: SessionService;
  signer: Signer;
  deviceSync: () => DeviceSyncFacts;
  faceProofs: SigningProofs;
}

export function emrSigning(deps: EmrSigningDeps) {
  const { store } = deps;
  const audit = auditLog(deps.db, deps.now);
  const outbox = outboxTable(deps.db, deps.now);
  const encounters = prescriptionsTable(deps.db);

  async function sign(request: { draftId: string } & RequestProof, session: Session, connectionId: string, actor: Actor): Promise<EmrRecordView> {
    store.ownOpenDraft(request.draftId, session);
    const verifiedInRequest = await verifyRequestProof(deps, request, connectionId, session.userId);
    // Re-read after the await: an autosave may have landed while the password was checked.
    const draft = store.ownOpenDraft(request.draftId, session);
    const checked = store.check(draft);
    if (checked.errors.length > 0) {
      throw new AppFailure('RECORD_INCOMPLETE', checked.errors.slice(0, 3).map((e) => e.message).join(' '));
    }
    const decision = deps.sessions.maySign(session, { kind: 'record' }, { verifiedInRequest: verifiedInRequest !== null, device: deps.deviceSync() });
    if (!decision.ok) throw new AppFailure(decision.code, decision.message);
    const previous = draft.previousId === null ? null : store.records.get(draft.previousId);
    if (draft.previousId !== null && (!previous || store.records.amendedBy(draft.previousId))) {
      throw new AppFailure('CONFLICT', 'The version this amends is missing or was amended meanwhile.');
    }
    spendRequestProof(deps, request, session.userId);

    const signedAt = store.isoNow();
    const document = RecordDocument.parse({
      id: draft.id,
      patientId: draft.patientId,
      encounterId: draft.encounterId,
      template: { url: checked.template.url, version: checked.template.version },
      version: previous ? previous.document.version + 1 : 1,
      previousId: draft.previousId,
      reason: draft.amendReason,
      author: { id: session.userId, name: session.displayName, licenceNo: store.users.byAccount(session.account)?.licenceNo ?? '' },
      signedAt,
      response: questionnaireResponse(checked.template, checked.answers, (id) => checked.enabled.has(id), {
        id: draft.id,
        status: previous ? 'amended' : 'completed',
        patientId: draft.patientId,
        encounterId: draft.encounterId,
        authorId: session.userId,
        authored: signedAt,
      }),
    });
    const signature = deps.signer.sign(session.userId, document);
    const digest = sm3(recordBytes(document));
    const chiefComplaint = String(checked.answers['chief-complaint']?.[0] ?? checked.template.title.zh);
    deps.db.transaction(() => {
      if (!encounters.encounter(draft.encounterId)) {
        const encounter = { id: draft.encounterId, patientId: draft.patientId, date: hospitalDay(deps.now()), kind: 'follow-up' as const, chiefComplaint };
        encounters.insertEncounter({ ...encounter, department: session.department, physicianName: session.displayName, authorId: session.userId });
        outbox.enqueue(session.userId, 'encounter.add', { ...encounter, channel: 'online' });
        audit.append(actor, 'encounter.add', subjectOf.encounter(draft.encounterId), { patientId: draft.patientId }, [subjectOf.patient(draft.patientId)]);
      }
      if (!store.records.insert({ document, digest, signature })) throw new AppFailure('CONFLICT', 'This record is already signed.');
      if (!store.drafts.markSigned(draft.id, signedAt)) throw new AppFailure('CONFLICT', 'This draft is no longer open.');
      // The record leaves for the hospital with the signature, after its encounter (the outbox keeps order).
      outbox.enqueue(session.userId, document.previousId ? 'emr.record.amend' : 'emr.record.sign', { document, signature });
      // Ids and codes only: audit details never hold clinical text.
      audit.append(actor, document.previousId ? 'emr.record.amend' : 'emr.record.sign', subjectOf.record(document.id), {
        patientId: document.patientId,
        encounterId: document.encounterId,
        template: `${document.template.url}|${document.template.version}`,
        version: document.version,
        previousId: document.previousId,
        digest,
        certificateId: signature.certificateId,
        verifiedInRequest,
      }, [subjectOf.patient(document.patientId)]);
    })();
    return store.recordView(store.records.get(document.id)!);
  }

  return { sign };
}
