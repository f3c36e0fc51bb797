/**
 * The prescribing channels (issue 4), spread into the one contract (contract.ts). Drafting and
 * signing are the physician's; reading a patient's prescriptions is open to pharmacists too.
 */
import { z } from 'zod';
import type { Role } from '../domain/roles';
import { DrugView } from '../rx/dispense';
import { DraftContent, DraftItem } from '../rx/draft';
import { displayStatuses } from '../rx/lifecycle';
import { ReviewOutcome } from './reviewOutcome';
import { SignRisk, signRiskRequest } from './rxRisk';
import { CheckedWith, PrescriptionItem, PrescriptionSignature } from '../sync/wire';

const physician = ['physician'] as const satisfies readonly Role[];
const clinical = ['physician', 'pharmacist'] as const satisfies readonly Role[];

const id = z.string().min(1).max(64);
const reason = (what: string) => z.string().trim().min(1, `${what} needs a reason`).max(500);

export const AlertRef = z.object({ prescriptionId: z.string(), item: z.number().int(), uid: z.string().nullable() });
export const VisitAlert = z.object({
  code: z.string(),
  severity: z.enum(['block', 'override', 'info']),
  key: z.string(),
  message: z.string(),
  source: z.string(),
  /** Empty for a patient-level alert. */
  items: z.array(AlertRef),
});
export type VisitAlert = z.infer<typeof VisitAlert>;

export const VisitCheck = z.object({
  alerts: z.array(VisitAlert),
  /** Items not yet complete enough to check, with what they lack. */
  incomplete: z.array(z.object({ prescriptionId: z.string(), uid: z.string(), missing: z.array(z.string()) })),
  /** Input the engine refused (e.g. a route the drug does not have), one line. */
  invalid: z.string().nullable(),
});
export type VisitCheck = z.infer<typeof VisitCheck>;

export const DraftView = z.object({
  id: z.string(),
  patientId: z.string(),
  encounterId: z.string(),
  previousId: z.string().nullable(),
  revisionReason: z.string().nullable(),
  content: DraftContent,
  updatedAt: z.string(),
});
export type DraftView = z.infer<typeof DraftView>;

/** "Signature verified" with the signer and certificate serial, or "signature not verified" with why. */
export const SignatureCheck = z.discriminatedUnion('verified', [
  z.object({ verified: z.literal(true), signer: z.string(), licenceNo: z.string().nullable(), serial: z.string() }),
  z.object({ verified: z.literal(false), reason: z.enum(['unregistered-key', 'revoked', 'expired', 'bad-signature']) }),
]);
export type SignatureCheck = z.infer<typeof SignatureCheck>;

export const PrescriptionView = z.object({
  id: z.string(),
  patientId: z.string(),
  encounterId: z.string().nullable(),
  issuedOn: z.string(),
  status: z.enum(displayStatuses),
  items: z.array(PrescriptionItem),
  validityDays: z.number().int(),
  validityReason: z.string().nullable(),
  lastValidDay: z.string(),
  previousId: z.string().nullable(),
  revisionReason: z.string().nullable(),
  revisedBy: z.string().nullable(),
  /** The prescriber's user id (null for imported history): only they may void or revise it. */
  authorId: z.string().nullable().default(null),
  signedAt: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  voidedFromStatus: z.string().nullable(),
  overrides: z.array(z.object({ code: z.string(), key: z.string(), reason: z.string() })),
  signature: PrescriptionSignature.nullable(),
  /** The pharmacist's review of this version (reviewChannels.ts), null before any decision reached this device. */
  review: ReviewOutcome.nullable().default(null),
  /** The signature judged against the signer's registered certificate here (issue 8, item 11); null: unsigned history. */
  signatureCheck: SignatureCheck.nullable().default(null),
});
export type PrescriptionView = z.infer<typeof PrescriptionView>;

export const RxContextView = z.object({
  patientId: z.string(),
  today: z.string(),
  ageYears: z.number().int(),
  sex: z.enum(['male', 'female']),
  allergies: z.array(z.string()),
  /** `chronic`: eligible for long prescriptions (prefills four weeks). */
  diagnoses: z.array(z.object({ code: z.string(), label: z.string(), since: z.string(), setting: z.enum(['in-person', 'online']), chronic: z.boolean() })),
  activeMedications: z.array(z.object({ drug: z.string(), issuedOn: z.string(), days: z.number().int() })),
  eGFR: z.object({ value: z.number(), takenOn: z.string() }).nullable(),
  /** Whether the form should ask for weight (a child) or pregnancy / lactation (a woman of child-bearing age). */
  asks: z.object({ weight: z.boolean(), pregnancy: z.boolean() }),
  /** The last prescription's items as draft items, for "renew last prescription". */
  renewal: z.object({ issuedOn: z.string(), items: z.array(DraftItem) }).nullable(),
});
export type RxContextView = z.infer<typeof RxContextView>;

export const VisitView = z.object({
  patientId: z.string(),
  encounterId: z.string(),
  drafts: z.array(DraftView),
  /** Prescriptions of this visit already signed: checked together with the drafts. */
  signed: z.array(PrescriptionView),
  /** Formulary entries of every drug on the visit's drafts, for the pickers. */
  drugs: z.array(DrugView),
  context: RxContextView,
  check: VisitCheck,
});
export type VisitView = z.infer<typeof VisitView>;

/** What the sign step shows, and a digest of it: signing refuses if the draft changed since. */
export const SignPreview = z.object({
  draftId: z.string(),
  document: z.object({
    issuedOn: z.string(),
    lastValidDay: z.string(),
    validityDays: z.number().int(),
    validityReason: z.string().nullable(),
    items: z.array(PrescriptionItem),
    overrides: z.array(z.object({ code: z.string(), key: z.string(), reason: z.string() })),
    previousId: z.string().nullable(),
    reason: z.string().nullable(),
    prescriber: z.object({ id: z.string(), name: z.string(), licenceNo: z.string() }),
    /** Signed with the rest: the visit as declared and the facts the checks used (wire.ts `checkedWith`). */
    checkedWith: CheckedWith.optional(),
  }),
  highAlert: z.boolean(),
  /** Issue 13: the high-alert leaflets to confirm and whether the supply needs a reason (rxRiskChannels.ts). */
  risk: SignRisk,
  /** Why it cannot be signed as it stands (blocking alerts, missing reasons, incomplete items). */
  problems: z.array(z.string()),
  digest: z.string(),
});
export type SignPreview = z.infer<typeof SignPreview>;

export const rxChannels = {
  'rx:search': {
    request: z.object({ query: z.string().trim().max(40), limit: z.number().int().min(1).max(50).default(12) }).strict(),
    response: z.object({ hits: z.array(z.object({ drug: DrugView, matched: z.string(), matchedBy: z.enum(['pinyin', 'zh', 'en']) })) }),
    access: physician,
  },
  /** Resumes the physician's open drafts for the patient on this device, or starts a visit with one empty draft. */
  'rx:visit:open': {
    request: z.object({ patientId: id }).strict(),
    response: VisitView,
    access: physician,
    requiresVerifiedSession: true as const,
    requiresFreshVerification: true as const,
  },
  'rx:visit:get': {
    request: z.object({ patientId: id, encounterId: id }).strict(),
    response: VisitView,
    access: physician,
  },
  /** Another prescription in the same visit (a 6th drug goes on a second prescription). */
  'rx:draft:add': {
    request: z.object({ encounterId: id, patientId: id, content: DraftContent.optional() }).strict(),
    response: VisitView,
    access: physician,
    requiresVerifiedSession: true as const,
  },
  /** Autosave: returns the visit's checks run on what is now stored. */
  'rx:draft:save': {
    request: z.object({ draftId: id, content: DraftContent }).strict(),
    response: z.object({ updatedAt: z.string(), check: VisitCheck, drugs: z.array(DrugView) }),
    access: physician,
    requiresVerifiedSession: true as const,
  },
  'rx:draft:discard': {
    request: z.object({ draftId: id }).strict(),
    response: z.object({ draftId: z.string() }),
    access: physician,
    requiresVerifiedSession: true as const,
  },
  'rx:sign:preview': {
    request: z.object({ draftId: id }).strict(),
    response: SignPreview,
    access: physician,
  },
  /**
   * `digest` is the preview's, so what was shown is what is signed. The verification at the moment of
   * signing is `faceAttemptId` (an accepted face step-up finished within 60 s, single use; issue 9), or
   * `password` where the site's policy allows password-only signing.
   */
  'rx:sign': {
    request: z
      .object({ draftId: id, digest: z.string().regex(/^[0-9a-f]{64}$/), password: z.string().min(1).max(256).optional(), faceAttemptId: id.optional(), ...signRiskRequest })
      .strict(),
    response: PrescriptionView,
    access: physician,
    requiresVerifiedSession: true as const,
  },
  'rx:list': {
    request: z.object({ patientId: id }).strict(),
    response: z.object({ prescriptions: z.array(PrescriptionView) }),
    access: clinical,
  },
  'rx:void': {
    request: z.object({ prescriptionId: id, reason: reason('a void') }).strict(),
    response: PrescriptionView,
    access: physician,
    requiresVerifiedSession: true as const,
  },
  /** A returned prescription gets a new version: a draft linked to it, with the reason. */
  'rx:revise': {
    request: z.object({ prescriptionId: id, reason: reason('a revision') }).strict(),
    response: VisitView,
    access: physician,
    requiresVerifiedSession: true as const,
  },
};
