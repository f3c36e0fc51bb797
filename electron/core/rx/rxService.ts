/**
 * Prescribing services (issue 4): formulary search, the visit being drafted (drafts autosaved on
 * this device, checked together with the visit's signed prescriptions), and the patient's list.
 * Signing, voiding and revising are in rxSigning.ts.
 */
import { randomUUID } from 'node:crypto';
import type { RxContextView, VisitCheck, VisitView } from '../../../shared/ipc/rxChannels';
import { findDrug, searchFormulary, type Lang, type RxKnowledge } from '../../../shared/rx';
import { drugView, type DrugView } from '../../../shared/rx/dispense';
import { emptyDraftContent, type DraftContent, type DraftPatientFacts } from '../../../shared/rx/draft';
import { hospitalDay } from '../../../shared/rx/lifecycle';
import { AppFailure } from '../../../shared/result';
import type { Session } from '../session/sessionService';
import { readOnly, type Db } from '../store/database';
import { patientsTable } from '../store/patients';
import { certificatesTable } from '../store/certificates';
import { prescriptionsTable, type PrescriptionRecord } from '../store/prescriptions';
import { rxDraftsTable, type DraftRow } from '../store/rxDrafts';
import { notStanding } from '../../../shared/rx/patientRecord';
import { patientContext, type PatientContext } from './patientContext';
import { reviewOutcome } from '../review/reviewViews';
import { reviewTables } from '../store/reviewTables';
import { drugsOf, toDraftView, toPrescriptionView } from './rxViews';
import { signedRxItems } from '../../../shared/rx/document';
import { engineVisit, runVisitCheck, type VisitPrescription } from './visitCheck';
import { mutationPayloads } from '../../../shared/sync/wire';

export interface RxDeps {
  db: Db;
  knowledge: () => RxKnowledge;
  now: () => number;
  deviceId: string;
  lang: () => Lang;
}

export function rxStore(deps: RxDeps) {
  const patients = patientsTable(readOnly(deps.db));
  const prescriptions = prescriptionsTable(deps.db);
  const drafts = rxDraftsTable(deps.db);
  const certificates = certificatesTable(readOnly(deps.db));
  const today = () => hospitalDay(deps.now());
  const isoNow = () => new Date(deps.now()).toISOString();
  const review = reviewTables(deps.db);
  /**
   * A prescription as shown: its signature judged against the signer's certificate (issue 8, item
   * 11), with the pharmacist's outcome as synced (issue 10), and each drug's Chinese name from the
   * formulary where the row predates structured items (issue 11: the zh-CN chart names drugs in Chinese).
   */
  const viewOf = (p: PrescriptionRecord) => {
    const view = toPrescriptionView(p, today(), certificates, reviewOutcome(review.decisionsOf(p.id)));
    return { ...view, items: view.items.map((item) => (item.drugNameZh ? item : { ...item, drugNameZh: findDrug(deps.knowledge(), item.drugCode ?? item.drug)?.nameZh })) };
  };

  function summaryOf(patientId: string) {
    const summary = patients.summary(patientId);
    if (!summary) throw new AppFailure('NOT_FOUND', 'No patient with that id is stored on this workstation.');
    return summary;
  }

  /** A draft of this user on this device that is still open; anything else is not theirs to touch. */
  function ownOpenDraft(draftId: string, session: Session): DraftRow {
    const draft = drafts.get(draftId);
    if (!draft || draft.authorId !== session.userId || draft.deviceId !== deps.deviceId) {
      throw new AppFailure('NOT_FOUND', 'No draft with that id belongs to you on this workstation.');
    }
    if (draft.state !== 'open') throw new AppFailure('CONFLICT', `This draft is already ${draft.state}.`);
    return draft;
  }

  function contextFor(patientId: string, encounterId: string | null, facts: DraftPatientFacts | null): PatientContext {
    return patientContext(deps.knowledge(), summaryOf(patientId), prescriptions.forPatient(patientId), {
      today: today(),
      excludeEncounterId: encounterId,
      facts,
    });
  }

  function visitDrafts(encounterId: string, session: Session): DraftRow[] {
    return drafts.openInVisit(encounterId).filter((d) => d.authorId === session.userId && d.deviceId === deps.deviceId);
  }

  /** The visit's signed prescriptions that still stand (a returned one is replaced by its revision). */
  function standingSigned(encounterId: string): PrescriptionRecord[] {
    return prescriptions.inVisit(encounterId).filter((p) => !notStanding.has(viewOf(p).status));
  }

  /** The checks of a whole visit, with the visit facts of `lead` (the draft being edited or signed). */
  function checkVisit(patientId: string, encounterId: string, session: Session, lead: DraftContent | null): { check: VisitCheck; context: PatientContext } {
    const open = visitDrafts(encounterId, session);
    const content = lead ?? open[0]?.content ?? null;
    const context = contextFor(patientId, encounterId, content?.patientFacts ?? null);
    const list: VisitPrescription[] = [
      ...standingSigned(encounterId).flatMap((p) => {
        const parsed = mutationPayloads['prescription.submit'].safeParse(p.signedPayload);
        return parsed.success ? [{ prescriptionId: p.id, signedItems: signedRxItems(parsed.data) }] : [];
      }),
      ...open.map((d) => ({ prescriptionId: d.id, draftItems: d.content.items })),
    ];
    if (!content) return { check: { alerts: [], incomplete: [], invalid: null }, context };
    const check = runVisitCheck(deps.knowledge(), {
      date: today(),
      patient: context.patient,
      visit: engineVisit(content.visit, session.department),
      prescriptions: list,
      lang: deps.lang(),
    });
    return { check, context };
  }

  function visitView(patientId: string, encounterId: string, session: Session): VisitView {
    const open = visitDrafts(encounterId, session);
    const { check, context } = checkVisit(patientId, encounterId, session, null);
    return {
      patientId,
      encounterId,
      drafts: open.map(toDraftView),
      signed: prescriptions.inVisit(encounterId).map(viewOf),
      drugs: drugsOf(deps.knowledge(), open),
      context: context.view,
      check,
    };
  }

  function newDraft(patientId: string, encounterId: string, session: Session, content: DraftContent, revision?: { previousId: string; reason: string }): string {
    const id = randomUUID();
    drafts.create(
      {
        id,
        patientId,
        encounterId,
        authorId: session.userId,
        deviceId: deps.deviceId,
        content,
        previousId: revision?.previousId ?? null,
        revisionReason: revision?.reason ?? null,
      },
      isoNow(),
    );
    return id;
  }

  function defaultContent(patientId: string): DraftContent {
    const { encounters } = summaryOf(patientId);
    return emptyDraftContent({
      kind: encounters.length > 0 ? 'follow-up' : 'first-visit',
      chiefComplaint: encounters[0]?.chiefComplaint ?? '',
      emergency: false,
      guardianPresent: null,
    });
  }

  return {
    today,
    isoNow,
    viewOf,
    drafts,
    prescriptions,
    ownOpenDraft,
    checkVisit,
    visitView,
    newDraft,
    summaryOf,

    search(query: string, limit: number) {
      const kb = deps.knowledge();
      return {
        hits: searchFormulary(kb.search, query, { limit }).map((h) => ({ drug: drugView(kb, h.drug), matched: h.matched, matchedBy: h.matchedBy })),
      };
    },

    openVisit(patientId: string, session: Session): VisitView {
      summaryOf(patientId);
      const open = drafts.openForPatient(session.userId, deps.deviceId, patientId);
      const latest = open.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
      if (latest) return visitView(patientId, latest.encounterId, session);
      const encounterId = randomUUID();
      newDraft(patientId, encounterId, session, defaultContent(patientId));
      return visitView(patientId, encounterId, session);
    },

    getVisit: (patientId: string, encounterId: string, session: Session): VisitView => visitView(patientId, encounterId, session),

    /** Another prescription in the visit; visit facts and validity follow the visit's first draft. */
    addDraft(patientId: string, encounterId: string, session: Session, content: DraftContent | undefined): VisitView {
      const first = visitDrafts(encounterId, session)[0];
      if (!first && prescriptions.inVisit(encounterId).length === 0) throw new AppFailure('NOT_FOUND', 'There is no such visit on this workstation.');
      if (first && first.patientId !== patientId) throw new AppFailure('CONFLICT', 'That visit belongs to another patient.');
      const base = first?.content ?? defaultContent(patientId);
      newDraft(patientId, encounterId, session, content ?? { ...base, items: [], overrides: {} });
      return visitView(patientId, encounterId, session);
    },

    saveDraft(draftId: string, content: DraftContent, session: Session): { updatedAt: string; check: VisitCheck; drugs: DrugView[] } {
      const draft = ownOpenDraft(draftId, session);
      const at = isoNow();
      if (!drafts.save(draftId, content, at)) throw new AppFailure('CONFLICT', 'This draft is no longer open.');
      const saved = { ...draft, content };
      return { updatedAt: at, check: checkVisit(draft.patientId, draft.encounterId, session, content).check, drugs: drugsOf(deps.knowledge(), [saved]) };
    },

    discardDraft(draftId: string, session: Session): { draftId: string } {
      ownOpenDraft(draftId, session);
      drafts.discard(draftId, isoNow());
      return { draftId };
    },

    list(patientId: string) {
      summaryOf(patientId);
      return { prescriptions: prescriptions.forPatient(patientId).map(viewOf) };
    },

    context: (patientId: string): RxContextView => contextFor(patientId, null, null).view,
  };
}
export type RxStore = ReturnType<typeof rxStore>;
