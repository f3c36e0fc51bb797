/**
 * Structured outpatient records on the workstation (issue 11): templates, drafts that autosave,
 * and the check that signing meets. Signing itself is emrSigning.ts.
 */
import { randomUUID } from 'node:crypto';
import type { TemplateResource } from '../../../shared/emr/catalogue';
import { compileCatalogue } from '../../../shared/emr/catalogue';
import type { Answers } from '../../../shared/emr/answers';
import { answersOfResponse } from '../../../shared/emr/record';
import type { Lang, Template } from '../../../shared/emr/template';
import { checkRecord, type Checked } from '../../../shared/emr/validation';
import type { EmrDraftView, EmrRecordView } from '../../../shared/ipc/emrChannels';
import { AppFailure } from '../../../shared/result';
import type { Session } from '../session/sessionService';
import { certificatesTable } from '../store/certificates';
import { readOnly, type Db } from '../store/database';
import { emrDraftsTable, type EmrDraftRow } from '../store/emrDrafts';
import { emrRecordsTable, type EmrRecordRow } from '../store/emrRecords';
import { usersTable } from '../store/users';
import { recordSignatureChecks } from './recordSignature';

export interface EmrDeps {
  db: Db;
  now: () => number;
  deviceId: string;
  /** The template files in force (resources/templates/ until the hospital's feed brings its own). */
  templates: () => readonly TemplateResource[];
  lang: () => Lang;
}

export function emrStore(deps: EmrDeps) {
  const drafts = emrDraftsTable(deps.db);
  const records = emrRecordsTable(deps.db);
  const signatureOf = recordSignatureChecks(certificatesTable(readOnly(deps.db)));
  const users = usersTable(deps.db);
  const isoNow = () => new Date(deps.now()).toISOString();
  let compiled: { from: readonly TemplateResource[]; templates: Template[] } | null = null;

  function templates(): Template[] {
    const current = deps.templates();
    if (compiled?.from !== current) compiled = { from: current, templates: compileCatalogue(current) };
    return compiled.templates;
  }
  function template(url: string, version?: string): Template {
    const found = templates().find((t) => t.url === url && (version === undefined || t.version === version));
    if (!found) throw new AppFailure('TEMPLATE_UNKNOWN', 'No record template with that address (and version) is installed on this workstation.');
    return found;
  }

  const draftView = (d: EmrDraftRow): EmrDraftView => ({
    id: d.id,
    patientId: d.patientId,
    encounterId: d.encounterId,
    templateUrl: d.templateUrl,
    templateVersion: d.templateVersion,
    answers: d.answers,
    previousId: d.previousId,
    amendReason: d.amendReason,
    updatedAt: d.updatedAt,
  });

  function recordView(r: EmrRecordRow): EmrRecordView {
    const d = r.document;
    return {
      id: d.id,
      patientId: d.patientId,
      encounterId: d.encounterId,
      visitDate: r.visitDate,
      templateUrl: d.template.url,
      templateVersion: d.template.version,
      version: d.version,
      previousId: d.previousId,
      reason: d.reason,
      authorName: d.author.name,
      authorLicenceNo: d.author.licenceNo,
      signedAt: d.signedAt,
      digest: r.digest,
      answers: answersOfResponse(d.response),
      amendedBy: records.amendedBy(d.id),
      signature: signatureOf(r),
      uploaded: r.feedSeq !== null,
    };
  }

  /** The author's own open draft on this device; anyone else's is not theirs to see or change. */
  function ownOpenDraft(draftId: string, session: Session): EmrDraftRow {
    const draft = drafts.get(draftId);
    if (!draft || draft.authorId !== session.userId || draft.deviceId !== deps.deviceId) {
      throw new AppFailure('NOT_FOUND', 'No record draft of yours with that id on this workstation.');
    }
    if (draft.state !== 'open') throw new AppFailure('RECORD_SIGNED', 'This draft was signed or discarded; a signed record is changed only by an amendment.');
    return draft;
  }

  /**
   * Values carried from the patient's last signed record (any template) into the fields that ask
   * for it (the template's carry-forward extension): history, height, smoking, insulin regimen.
   */
  function carriedForward(patientId: string, t: Template): Answers {
    const latest = records.ofPatient(patientId).find((r) => records.amendedBy(r.document.id) === null);
    if (!latest) return {};
    const previous = answersOfResponse(latest.document.response);
    return Object.fromEntries(t.fields.filter((f) => f.carryForward && previous[f.linkId]).map((f) => [f.linkId, previous[f.linkId]!]));
  }

  function check(draft: EmrDraftRow): Checked & { template: Template } {
    const t = template(draft.templateUrl, draft.templateVersion);
    return { ...checkRecord(t, draft.answers, deps.lang()), template: t };
  }

  return {
    drafts,
    records,
    users,
    isoNow,
    template,
    ownOpenDraft,
    check,
    draftView,
    recordView,
    templateResources: () => ({ resources: [...deps.templates()] }),
    start(patientId: string, templateUrl: string, encounterId: string | undefined, session: Session): EmrDraftView {
      const t = template(templateUrl);
      const id = randomUUID();
      drafts.create(
        {
          id,
          patientId,
          encounterId: encounterId ?? randomUUID(),
          templateUrl: t.url,
          templateVersion: t.version,
          authorId: session.userId,
          deviceId: deps.deviceId,
          answers: carriedForward(patientId, t),
          previousId: null,
          amendReason: null,
        },
        isoNow(),
      );
      return draftView(drafts.get(id)!);
    },
    save(draftId: string, answers: Answers, session: Session): { draftId: string; updatedAt: string } {
      ownOpenDraft(draftId, session);
      const at = isoNow();
      if (!drafts.save(draftId, answers, at)) throw new AppFailure('RECORD_SIGNED', 'This draft was signed or discarded meanwhile.');
      return { draftId, updatedAt: at };
    },
    checkDraft(draftId: string, session: Session) {
      const { errors, answers } = check(ownOpenDraft(draftId, session));
      return { errors, answers };
    },
    discard(draftId: string, session: Session): { draftId: string } {
      ownOpenDraft(draftId, session);
      drafts.discard(draftId, isoNow());
      return { draftId };
    },
    openDrafts: (patientId: string, session: Session) => ({ drafts: drafts.openForPatient(session.userId, deps.deviceId, patientId).map(draftView) }),
    /** The next version of a signed record starts as a draft with its answers and the reason. */
    amend(recordId: string, reason: string, session: Session): EmrDraftView {
      const record = records.get(recordId);
      if (!record) throw new AppFailure('NOT_FOUND', 'No signed record with that id is stored on this workstation.');
      if (records.amendedBy(recordId)) throw new AppFailure('CONFLICT', 'This version is already amended; amend the newest one.');
      const open = drafts.openAmendmentOf(recordId);
      if (open) {
        if (open.authorId !== session.userId) throw new AppFailure('CONFLICT', 'Another physician is amending this record.');
        return draftView(open);
      }
      const d = record.document;
      const id = randomUUID();
      drafts.create(
        {
          id,
          patientId: d.patientId,
          encounterId: d.encounterId,
          templateUrl: d.template.url,
          templateVersion: d.template.version,
          authorId: session.userId,
          deviceId: deps.deviceId,
          answers: answersOfResponse(d.response),
          previousId: recordId,
          amendReason: reason.trim(),
        },
        isoNow(),
      );
      return draftView(drafts.get(id)!);
    },
    list: (patientId: string) => ({ records: records.ofPatient(patientId).map(recordView) }),
  };
}
export type EmrStore = ReturnType<typeof emrStore>;
