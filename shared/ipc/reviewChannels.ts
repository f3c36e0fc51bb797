/**
 * The pharmacist review channels (issue 10), spread into the one contract (contract.ts). This shape
 * is shared with the renderer helper; it changes only by adding.
 *
 *   review:queue     ReviewQueueQuery (filters, optional limit) -> ReviewQueueView   pharmacist. Online: the server's queue;
 *                    offline: the last queue this device fetched, `readOnly: true` with `readOnlyReason`.
 *   review:claim     { requestId, prescriptionId } -> ClaimResponse     pharmacist, online only
 *                    (SERVER_UNREACHABLE offline; REVIEWER_NOT_QUALIFIED; SELF_REVIEW; CLAIMED_BY_OTHER)
 *   review:release   { requestId, prescriptionId } -> { prescriptionId, released }   pharmacist, online only
 *   review:detail    { prescriptionId } -> ReviewDetailView   pharmacist: as signed, signature state,
 *                    patient context, every alert (overridden ones with reasons), unanswered arrival
 *                    findings, the changes against the returned version, the whole exchange so far
 *   review:decide    { decisionId, prescriptionId, decision, reasons, note, intervention, faceAttemptId? | password? }
 *                    -> DecisionResponse   pharmacist, online only; signed with the reviewer's key after
 *                    a fresh verification (`password` is the step-up); a replayed decisionId applies once
 *   review:stats     { from, to } -> ReviewStats   pharmacist or admin, online only: the pharmacy lead's
 *                    figures (turnaround, return and intervention rates by department and reason)
 *   review:reasons   {} -> { categories }   the structured return reasons, both languages
 *   review:notices   {} -> { notices: ReviewNotice[] }   the caller's open notices: a physician's
 *                    returned prescriptions not yet revised or acknowledged; a pharmacist's approvals
 *                    voided afterwards
 *   review:acknowledge { kind, prescriptionId } -> { acknowledged }   hides that notice on this device
 *
 * Events (events.ts): `review:returned` { prescriptionIds } when a pull brings a return of the
 * signed-in physician's prescription; `review:voidedAfterApproval` { prescriptionIds } for the
 * pharmacist who approved it. PrescriptionView (rxChannels.ts) carries `review: ReviewOutcome | null`.
 */
import { z } from 'zod';
import type { Role } from '../domain/roles';
import { ClaimResponse, DecisionResponse, ReviewQueueItem, ReviewQueueQuery, ReviewQueueResponse, ReviewStats, ReviewStatsQuery } from '../review/wire';
import { PrescriptionItem } from '../sync/wire';
import { ReasonLabel, ReviewDecisionView } from './reviewOutcome';
import { SignatureCheck } from './rxChannels';
import { SignedRisk } from './rxRisk';

export * from './reviewOutcome';

const pharmacist = ['pharmacist'] as const satisfies readonly Role[];
/** The pharmacy lead's view: who the server's /review/stats lets read it. */
const statsReaders = ['pharmacist', 'admin'] as const satisfies readonly Role[];
const clinical = ['physician', 'pharmacist'] as const satisfies readonly Role[];
const id = z.string().min(1).max(64);

export const ReviewQueueView = ReviewQueueResponse.extend({
  /** True offline: the last fetched queue, shown but not claimable. */
  readOnly: z.boolean(),
  readOnlyReason: z.string().nullable(),
  /** When this queue was fetched from the server. */
  fetchedAt: z.string(),
});
export type ReviewQueueView = z.infer<typeof ReviewQueueView>;
export { ReviewQueueItem };

export const ReviewAlertView = z.object({
  code: z.string(),
  severity: z.string(),
  message: z.string(),
  /** Overridden by the prescriber at signing, with the reason they gave. */
  overridden: z.boolean(),
  overrideReason: z.string().nullable(),
  /** Raised by the server's arrival check and not answered by the prescriber. */
  unanswered: z.boolean(),
});
export type ReviewAlertView = z.infer<typeof ReviewAlertView>;

export const FieldChange = z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() });
export type FieldChange = z.infer<typeof FieldChange>;

export const ReviewPatientContext = z.object({
  patientId: z.string(),
  name: z.string(),
  ageYears: z.number().int(),
  sex: z.enum(['male', 'female']),
  weightKg: z.number().nullable(),
  allergies: z.array(z.string()),
  diagnoses: z.array(z.object({ code: z.string(), label: z.string() })),
  activeMedications: z.array(z.object({ drug: z.string(), issuedOn: z.string(), days: z.number().int() })),
  labs: z.array(z.object({ code: z.string(), label: z.string(), value: z.number(), unit: z.string(), takenOn: z.string() })),
});
export type ReviewPatientContext = z.infer<typeof ReviewPatientContext>;

export const ReviewDetailView = z.object({
  prescription: z.object({
    id: z.string(),
    patientId: z.string(),
    status: z.string(),
    issuedOn: z.string(),
    lastValidDay: z.string(),
    validityDays: z.number().int(),
    items: z.array(PrescriptionItem),
    prescriber: z.object({ id: z.string(), name: z.string(), licenceNo: z.string() }).nullable(),
    signedAt: z.string().nullable(),
    previousId: z.string().nullable(),
    revisionReason: z.string().nullable(),
    voidedAt: z.string().nullable(),
    voidReason: z.string().nullable(),
    /** Issue 13: the patient told of high-alert risks (with which leaflets) and the long-supply reason, as signed. */
    risk: SignedRisk.default({ patientInformed: null, longSupply: null }),
  }),
  /**
   * `state`/`verifiedAt`: as the server reports it (verified on arrival). `check`: this
   * workstation's own verdict, against the prescriber's registered certificate as cached here.
   */
  signature: z.object({ state: z.enum(['verified', 'unsigned']), verifiedAt: z.string().nullable(), check: SignatureCheck.nullable() }),
  /** From this workstation's cache; null when the patient is not in it. */
  patient: ReviewPatientContext.nullable(),
  alerts: z.array(ReviewAlertView),
  /** Changes against the returned version this one revises; empty for a first version. */
  changes: z.array(FieldChange),
  /** `signatureCheck`: this workstation's verdict on the decision as pulled; null until the feed brings it here. */
  exchange: z.array(ReviewDecisionView.extend({ signatureCheck: SignatureCheck.nullable() })),
  claim: z.object({ pharmacistId: z.string(), expiresAt: z.string() }).nullable(),
  /** Why the signed-in pharmacist may not decide (their own prescription), or null. */
  notDecidableReason: z.string().nullable(),
});
export type ReviewDetailView = z.infer<typeof ReviewDetailView>;

export const ReviewNotice = z.object({
  kind: z.enum(['returned', 'voided-after-approval']),
  prescriptionId: z.string(),
  patientId: z.string(),
  issuedOn: z.string(),
  /** The return (kind `returned`) or the approval (kind `voided-after-approval`). */
  decision: ReviewDecisionView,
  voidReason: z.string().nullable(),
  at: z.string(),
});
export type ReviewNotice = z.infer<typeof ReviewNotice>;

const requestId = z.uuid('expected a request id made with crypto.randomUUID()');

export const reviewChannels = {
  'review:queue': {
    request: ReviewQueueQuery.strict(),
    response: ReviewQueueView,
    access: pharmacist,
  },
  'review:claim': {
    request: z.object({ requestId, prescriptionId: z.uuid() }).strict(),
    response: ClaimResponse,
    access: pharmacist,
    requiresVerifiedSession: true as const,
  },
  'review:release': {
    request: z.object({ requestId, prescriptionId: z.uuid() }).strict(),
    response: z.object({ prescriptionId: z.string(), released: z.boolean() }),
    access: pharmacist,
  },
  'review:detail': {
    request: z.object({ prescriptionId: id }).strict(),
    response: ReviewDetailView,
    access: pharmacist,
  },
  'review:decide': {
    request: z
      .object({
        decisionId: requestId,
        prescriptionId: z.uuid(),
        decision: z.enum(['approve', 'return', 'intervene']),
        reasons: z.array(z.string().max(64)).max(20).default([]),
        note: z.string().trim().max(1000).default(''),
        intervention: z.object({ recommendation: z.string().trim().min(1).max(1000), physicianResponse: z.enum(['accepted', 'declined', 'pending']) }).nullable().default(null),
        password: z.string().min(1).max(256).optional(),
        faceAttemptId: z.string().min(1).max(64).optional(),
      })
      .strict(),
    response: DecisionResponse,
    access: pharmacist,
    requiresVerifiedSession: true as const,
  },
  'review:stats': {
    request: ReviewStatsQuery,
    response: ReviewStats,
    access: statsReaders,
  },
  'review:reasons': {
    request: z.object({}).strict(),
    response: z.object({
      categories: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string(), source: z.string(), reasons: z.array(ReasonLabel.extend({ source: z.string() })) })),
    }),
    access: clinical,
  },
  'review:notices': {
    request: z.object({}).strict(),
    response: z.object({ notices: z.array(ReviewNotice) }),
    access: clinical,
  },
  'review:acknowledge': {
    request: z.object({ kind: z.enum(['returned', 'voided-after-approval']), prescriptionId: id }).strict(),
    response: z.object({ acknowledged: z.boolean() }),
    access: clinical,
  },
};
