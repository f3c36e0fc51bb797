/**
 * Signing, voiding and revising prescriptions. A signature is one local transaction: the
 * prescription row (status `queued`), its `prescription.submit` mutation in the outbox (and the
 * visit's `encounter.add` before it, the first time), the draft marked signed, and an audit entry
 * (DESIGN.md "A write, end to end"). The sync worker takes it from there; this works offline.
 */
import { createHash } from 'node:crypto';
import { subjectOf } from '../../../shared/audit/subjects';
import type { PrescriptionView, SignPreview, VisitAlert, VisitView } from '../../../shared/ipc/rxChannels';
import { findDrug } from '../../../shared/rx';
import { concernedDrugs } from '../../../shared/rx/acknowledgement';
import { canonicalJson } from '../../../shared/domain/canonical';
import { documentItem, signedRxItems, type PrescriptionDocument, type SubmitPayload } from '../../../shared/rx/document';
import { toRxItem, type DraftContent, type DraftItem } from '../../../shared/rx/draft';
import { lastValidDay, mayRevise, mayVoid, validityProblem } from '../../../shared/rx/lifecycle';
import { AppFailure } from '../../../shared/result';
import { mutationPayloads } from '../../../shared/sync/wire';
import { spendRequestProof, verifyRequestProof } from '../face/requestVerification';
import type { SigningProofs } from '../face/signingProofs';
import type { Session, SessionService } from '../session/sessionService';
import type { DeviceSyncFacts } from '../session/signingFreshness';
import { auditLog, type Actor } from '../store/audit';
import { outboxTable } from '../store/outbox';
import type { DraftRow } from '../store/rxDrafts';
import { usersTable } from '../store/users';
import type { Signer } from '../signing/signer';
import type { RxDeps, RxStore } from './rxService';
import { alertsFor } from './visitCheck';
import { confirmedRisk, signRiskOf } from './riskAtSigning';
import type { InformedConfirmation, SignRisk } from '../../../shared/ipc/rxRisk';
import type { LeafletBook } from '../../../shared/rx/leaflets';
import type { LongSupply } from '../../../shared/sync/rxRiskWire';

export interface SigningDeps extends RxDeps {
  store: RxStore;
  sessions: SessionService;
  signer: Signer;
  deviceSync: () => DeviceSyncFacts;
  /** Accepted face checks a signature may name as its verification at the moment of signing. */
  faceProofs: SigningProofs;
  leaflets: () => LeafletBook;
}

interface Prepared {
  draft: DraftRow;
  /** Everything signed except `signedAt`, which is the moment of signing. */
  document: Omit<PrescriptionDocument, 'signedAt'>;
  newEncounter: { chiefComplaint: string; kind: 'first-visit' | 'follow-up' } | null;
  highAlert: boolean;
  risk: SignRisk;
  problems: string[];
  digest: string;
}

export function rxSigning(deps: SigningDeps) {
  const { store } = deps;
  const users = usersTable(deps.db);
  const outbox = outboxTable(deps.db, deps.now);
  const audit = auditLog(deps.db, deps.now);

  /** The formulary code of the drug an alert's item names: a draft item of this visit, or a signed one. */
  function drugOf(ref: VisitAlert['items'][number], content: DraftContent): string | undefined {
    if (ref.uid !== null) {
      const name = content.items.find((i) => i.uid === ref.uid)?.drug;
      return name ? findDrug(deps.knowledge(), name)?.code : undefined;
    }
    const signed = mutationPayloads['prescription.submit'].safeParse(store.prescriptions.get(ref.prescriptionId)?.signedPayload);
    return signed.success ? signedRxItems(signed.data)[ref.item]?.drug : undefined;
  }

  function prepare(draft: DraftRow, session: Session): Prepared {
    const { check } = store.checkVisit(draft.patientId, draft.encounterId, session, draft.content);
    const mine = alertsFor(check, draft.id);
    const problems: string[] = [];
    const content = draft.content;
    if (content.items.length === 0) problems.push('The prescription has no items.');
    for (const gap of check.incomplete.filter((i) => i.prescriptionId === draft.id)) problems.push(`An item is missing: ${gap.missing.join(', ')}.`);
    if (check.invalid) problems.push(check.invalid);
    for (const a of mine.filter((x) => x.severity === 'block')) problems.push(`Blocking alert ${a.code}: ${a.message}`);
    const overrides = mine
      .filter((a) => a.severity === 'override')
      .map((a) => ({ code: a.code, key: a.key, reason: (content.overrides[a.key] ?? '').trim(), drugs: concernedDrugs(a.items.map((ref) => drugOf(ref, content))) }));
    for (const o of overrides.filter((x) => !x.reason)) problems.push(`Alert ${o.code} needs an override reason.`);
    const validity = validityProblem(content.validity.days, content.validity.reason);
    if (validity === 'reason-required') problems.push('A validity longer than the day of issue needs a reason (《处方管理办法》第十八条).');
    if (validity === 'too-long') problems.push('A prescription is valid for at most 3 days.');
    const existing = store.prescriptions.encounter(draft.encounterId);
    const newEncounter = existing ? null : { chiefComplaint: content.visit.chiefComplaint.trim(), kind: content.visit.kind };
    if (newEncounter && !newEncounter.chiefComplaint) problems.push('The visit needs a chief complaint.');
    if (existing && existing.patient_id !== draft.patientId) problems.push('The visit belongs to another patient.');
    const user = users.byAccount(session.account);
    const items = content.items.flatMap((i: DraftItem) => {
      const r = toRxItem(i);
      return r.ok ? [documentItem(deps.knowledge(), r.item)] : [];
    });
    const document: Prepared['document'] = {
      id: draft.id,
      patientId: draft.patientId,
      encounterId: draft.encounterId,
      issuedOn: store.today(),
      items,
      previousId: draft.previousId,
      reason: draft.revisionReason,
      validityDays: content.validity.days,
      validityReason: content.validity.days > 1 ? (content.validity.reason?.trim() ?? null) : null,
      overrides: overrides.filter((o) => o.reason),
      prescriber: { id: session.userId, name: session.displayName, licenceNo: user?.licenceNo ?? '' },
      checkedWith: {
        visit: { kind: content.visit.kind, emergency: content.visit.emergency, guardianPresent: content.visit.guardianPresent, department: session.department },
        patientFacts: content.patientFacts,
      },
    };
    const highAlert = mine.some((a) => a.code === 'HIGH_ALERT');
    const risk = signRiskOf(mine, (ref) => drugOf(ref, content), items, content.visit.emergency, deps.knowledge(), deps.leaflets(), deps.lang());
    const digest = createHash('sha256').update(canonicalJson(document)).digest('hex');
    return { draft, document, newEncounter, highAlert, risk, problems, digest };
  }

  function preview(draftId: string, session: Session): SignPreview {
    const p = prepare(store.ownOpenDraft(draftId, session), session);
    const d = p.document;
    return {
      draftId,
      document: {
        issuedOn: d.issuedOn,
        lastValidDay: lastValidDay(d.issuedOn, d.validityDays ?? 1),
        validityDays: d.validityDays ?? 1,
        validityReason: d.validityReason ?? null,
        items: d.items,
        overrides: d.overrides ?? [],
        previousId: d.previousId,
        reason: d.reason,
        prescriber: d.prescriber!,
        checkedWith: d.checkedWith,
      },
      highAlert: p.highAlert,
      risk: p.risk,
      problems: p.problems,
      digest: p.digest,
    };
  }

  async function sign(
    request: { draftId: string; digest: string; password?: string | undefined; faceAttemptId?: string | undefined; informed?: InformedConfirmation | undefined; longSupply?: LongSupply | undefined },
    session: Session,
    connectionId: string,
    actor: Actor,
  ): Promise<PrescriptionView> {
    store.ownOpenDraft(request.draftId, session);
    const verifiedInRequest = await verifyRequestProof(deps, request, connectionId, session.userId);
    // Re-read after the await: an autosave may have landed while the password was checked.
    const p = prepare(store.ownOpenDraft(request.draftId, session), session);
    if (p.digest !== request.digest) throw new AppFailure('CONFLICT', 'The prescription changed after it was shown for signing; review it again.');
    if (p.problems.length > 0) throw new AppFailure('CHECKS_UNRESOLVED', p.problems.join(' '));
    const decision = deps.sessions.maySign(session, { kind: 'prescription', highAlert: p.highAlert }, { verifiedInRequest: verifiedInRequest !== null, device: deps.deviceSync() });
    if (!decision.ok) throw new AppFailure(decision.code, decision.message);
    const signedAt = store.isoNow();
    const risk = confirmedRisk(p.risk, request, { id: session.userId, name: session.displayName }, signedAt);
    spendRequestProof(deps, request, session.userId);

    deps.db.transaction(() => {
      const document = mutationPayloads['prescription.submit'].parse({ ...p.document, ...risk, signedAt });
      const payload: SubmitPayload = { ...document, signature: deps.signer.sign(session.userId, document) };
      if (p.newEncounter) {
        // The visit's encounter goes first: the server refuses a prescription whose encounter it lacks.
        store.prescriptions.insertEncounter({
          id: p.draft.encounterId,
          patientId: p.draft.patientId,
          date: document.issuedOn,
          kind: p.newEncounter.kind,
          department: session.department,
          physicianName: session.displayName,
          chiefComplaint: p.newEncounter.chiefComplaint,
          authorId: session.userId,
        });
        outbox.enqueue(session.userId, 'encounter.add', {
          id: p.draft.encounterId,
          patientId: p.draft.patientId,
          date: document.issuedOn,
          kind: p.newEncounter.kind,
          channel: 'online',
          chiefComplaint: p.newEncounter.chiefComplaint,
        });
        audit.append(actor, 'encounter.add', subjectOf.encounter(p.draft.encounterId), { patientId: p.draft.patientId }, [subjectOf.patient(p.draft.patientId)]);
      }
      store.prescriptions.insertSigned({
        id: document.id,
        patientId: document.patientId,
        encounterId: document.encounterId,
        issuedOn: document.issuedOn,
        items: JSON.stringify(document.items),
        previousId: document.previousId,
        authorId: session.userId,
        validityDays: document.validityDays ?? 1,
        validityReason: document.validityReason ?? null,
        revisionReason: document.reason,
        signedAt,
        signedPayload: JSON.stringify(payload),
      });
      if (!store.drafts.markSigned(document.id, signedAt)) throw new AppFailure('CONFLICT', 'This draft is no longer open.');
      outbox.enqueue(session.userId, 'prescription.submit', payload);
      // Ids and codes only: audit details never hold free clinical text.
      audit.append(actor, 'prescription.sign', subjectOf.prescription(document.id), {
        patientId: document.patientId,
        encounterId: document.encounterId,
        items: document.items.length,
        highAlert: p.highAlert,
        overrides: (document.overrides ?? []).map((o) => o.code),
        previousId: document.previousId,
        certificateId: payload.signature?.certificateId ?? null,
        verifiedInRequest,
        faceAttemptId: request.faceAttemptId ?? null,
        informedLeaflets: (document.patientInformed?.leaflets ?? []).map((l) => (l.leafletId ? `${l.leafletId}@${l.leafletVersion}` : l.drugCode)),
        longSupply: document.longSupply?.category ?? null,
      }, [subjectOf.patient(document.patientId), subjectOf.encounter(document.encounterId)]);
    })();
    return store.viewOf(store.prescriptions.get(request.draftId)!);
  }

  /**
   * A void is recorded locally with its reason, whatever the status (a void after approval is
   * recorded too, and the server flags it for the pharmacist), and its `prescription.void` mutation
   * is queued in the same transaction as the audit entry. If the prescription itself has not left
   * the outbox yet, the submit goes first and the void right behind it (the outbox keeps order): the
   * server then holds the signed document and its void, and nothing signed is ever dropped.
   */
  function voidPrescription(prescriptionId: string, reason: string, session: Session, actor: Actor): PrescriptionView {
    const rx = store.prescriptions.get(prescriptionId);
    if (!rx) throw new AppFailure('NOT_FOUND', 'No prescription with that id is stored on this workstation.');
    if (rx.authorId !== session.userId) throw new AppFailure('FORBIDDEN', 'Only the prescriber may void a prescription.');
    const allowed = mayVoid(rx, reason);
    if (!allowed.ok) throw new AppFailure('CONFLICT', allowed.reason === 'already-void' ? 'This prescription is already void.' : 'A void needs a reason.');
    const at = store.isoNow();
    deps.db.transaction(() => {
      if (!store.prescriptions.void(prescriptionId, session.userId, reason.trim(), at)) throw new AppFailure('CONFLICT', 'This prescription is already void.');
      outbox.enqueue(session.userId, 'prescription.void', { prescriptionId, reason: reason.trim() });
      // Ids and codes only: the reason is clinical free text and stays out of the audit details.
      audit.append(actor, 'prescription.void', subjectOf.prescription(prescriptionId), { fromStatus: rx.status, submitUnsent: rx.outbox === 'pending' }, [subjectOf.patient(rx.patientId)]);
    })();
    return store.viewOf(store.prescriptions.get(prescriptionId)!);
  }

  /** A returned prescription's new version starts as a draft linked to it, with its items and the reason. */
  function revise(prescriptionId: string, reason: string, session: Session): VisitView {
    const rx = store.prescriptions.get(prescriptionId);
    if (!rx) throw new AppFailure('NOT_FOUND', 'No prescription with that id is stored on this workstation.');
    if (rx.authorId !== session.userId) throw new AppFailure('FORBIDDEN', 'Only the prescriber may revise a prescription.');
    if (!rx.encounterId) throw new AppFailure('CONFLICT', 'This prescription has no visit to revise it in.');
    const existing = store.drafts.openRevisionOf(prescriptionId);
    if (existing) return store.visitView(rx.patientId, rx.encounterId, session);
    const allowed = mayRevise(rx, reason);
    if (!allowed.ok) {
      const messages = { 'already-void': 'A void prescription is not revised.', 'not-returned': 'Only a prescription returned by the pharmacist is revised.', superseded: 'This prescription already has a newer version.', 'reason-required': 'A revision needs a reason.' } as const;
      throw new AppFailure('CONFLICT', messages[allowed.reason]);
    }
    const parsed = mutationPayloads['prescription.submit'].safeParse(rx.signedPayload);
    const summary = store.summaryOf(rx.patientId);
    const items: DraftItem[] = parsed.success
      ? parsed.data.items.map((i, n) => ({
          uid: `v${n}-${Date.now().toString(36)}`,
          drug: i.drugCode ?? i.drug,
          form: i.form ?? null,
          release: i.release ?? null,
          route: (i.route as DraftItem['route']) ?? null,
          doseValue: i.doseValue ?? null,
          doseUnit: (i.doseUnit as DraftItem['doseUnit']) ?? null,
          frequency: (i.frequency as DraftItem['frequency']) ?? null,
          maxPerDay: i.maxPerDay ?? null,
          days: i.days,
          indication: i.indication ?? null,
        }))
      : [];
    store.newDraft(
      rx.patientId,
      rx.encounterId,
      session,
      {
        visit: { kind: 'follow-up', chiefComplaint: summary.encounters.find((e) => e.id === rx.encounterId)?.chiefComplaint ?? '', emergency: false, guardianPresent: null },
        patientFacts: { weightKg: null, pregnant: null, lactating: null },
        items,
        validity: { days: rx.validityDays, reason: rx.validityReason },
        overrides: Object.fromEntries((parsed.success ? (parsed.data.overrides ?? []) : []).map((o) => [o.key, o.reason])),
      },
      { previousId: prescriptionId, reason: reason.trim() },
    );
    return store.visitView(rx.patientId, rx.encounterId, session);
  }

  return { preview, sign, voidPrescription, revise };
}
