/**
 * The structured-record channels (issue 11), spread into the one contract (contract.ts). Writing
 * and signing are the physician's; reading signed records is open to pharmacists too.
 */
import { z } from 'zod';
import type { Role } from '../domain/roles';
import { Answers } from '../emr/answers';
import { TemplateResource } from '../emr/catalogue';
import { SignatureCheck } from './rxChannels';

const physician = ['physician'] as const satisfies readonly Role[];
const clinical = ['physician', 'pharmacist'] as const satisfies readonly Role[];
const id = z.string().min(1).max(64);

export const EmrDraftView = z.object({
  id: z.string(),
  patientId: z.string(),
  encounterId: z.string(),
  templateUrl: z.string(),
  templateVersion: z.string(),
  answers: Answers,
  previousId: z.string().nullable(),
  amendReason: z.string().nullable(),
  updatedAt: z.string(),
});
export type EmrDraftView = z.infer<typeof EmrDraftView>;

export const FieldErrorView = z.object({ linkId: z.string(), code: z.string(), message: z.string() });
export type FieldErrorView = z.infer<typeof FieldErrorView>;

export const EmrRecordView = z.object({
  id: z.string(),
  patientId: z.string(),
  encounterId: z.string(),
  /** Its visit's date when the visit is in this cache: the chart shows it under that visit on the timeline. */
  visitDate: z.string().nullable(),
  templateUrl: z.string(),
  templateVersion: z.string(),
  version: z.number().int(),
  previousId: z.string().nullable(),
  reason: z.string().nullable(),
  authorName: z.string(),
  authorLicenceNo: z.string(),
  signedAt: z.string(),
  /** SM3 of the signed document, hex: what the print view shows under the signature. */
  digest: z.string(),
  answers: Answers,
  /** The newer version that amends this one, if any. */
  amendedBy: z.string().nullable(),
  signature: SignatureCheck,
  /** The hospital server has it (it came back in the feed). */
  uploaded: z.boolean(),
});
export type EmrRecordView = z.infer<typeof EmrRecordView>;

export const emrChannels = {
  'emr:templates': {
    request: z.object({}).strict(),
    response: z.object({ resources: z.array(TemplateResource) }),
    access: clinical,
  },
  /** A new record for a visit (a new visit when no encounter is named), with carried-forward values. */
  'emr:draft:start': {
    request: z.object({ patientId: id, templateUrl: z.string().url().max(300), encounterId: id.optional() }).strict(),
    response: EmrDraftView,
    access: physician,
    requiresVerifiedSession: true as const,
  },
  /** The renderer's debounced autosave: the whole answers, any state of completeness. */
  'emr:draft:save': {
    request: z.object({ draftId: id, answers: Answers }).strict(),
    response: z.object({ draftId: z.string(), updatedAt: z.string() }),
    access: physician,
    requiresVerifiedSession: true as const,
  },
  /** The field errors signing would meet, in the user's language, with the calculated values. */
  'emr:draft:check': {
    request: z.object({ draftId: id }).strict(),
    response: z.object({ errors: z.array(FieldErrorView), answers: Answers }),
    access: physician,
  },
  'emr:draft:discard': {
    request: z.object({ draftId: id }).strict(),
    response: z.object({ draftId: z.string() }),
    access: physician,
    requiresVerifiedSession: true as const,
  },
  /** The user's open record drafts for a patient on this workstation (a crash leaves them here). */
  'emr:drafts': {
    request: z.object({ patientId: id }).strict(),
    response: z.object({ drafts: z.array(EmrDraftView) }),
    access: physician,
  },
  'emr:sign': {
    request: z.object({ draftId: id, password: z.string().min(1).max(256).optional(), faceAttemptId: id.optional() }).strict(),
    response: EmrRecordView,
    access: physician,
    requiresVerifiedSession: true as const,
  },
  /** A signed record's correction starts as a draft of the next version, with the reason. */
  'emr:amend': {
    request: z.object({ recordId: id, reason: z.string().trim().min(1, 'an amendment needs a reason').max(500) }).strict(),
    response: EmrDraftView,
    access: physician,
    requiresVerifiedSession: true as const,
  },
  /** Every signed version of the patient's records, newest first. */
  'emr:records': {
    request: z.object({ patientId: id }).strict(),
    response: z.object({ records: z.array(EmrRecordView) }),
    access: clinical,
  },
};
