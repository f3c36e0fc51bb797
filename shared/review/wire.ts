import { z } from 'zod';
import { PrescriptionSignature } from '../sync/wire';
import { isReturnReason } from './reasons';

/**
 * The pharmacist review protocol (issue 10, DESIGN.md "Trust"): server-held, online only. Claims are
 * leases held on the server; claims and decisions are calls with client-made ids, applied once (a
 * replay answers what the first call got), never outbox mutations, because they need the lease.
 *
 *   GET  /review/queue?department=&physicianId=&alert=&limit=   a page of the shared queue, most urgent first, with counts
 *   POST /review/claims           { requestId, prescriptionId }   take (or renew) the lease
 *   POST /review/claims/release   { requestId, prescriptionId }   give it back
 *   POST /review/decisions        a signed ReviewDecision
 *   GET  /review/prescriptions/:id  the prescription as signed, its arrival check, claim and decisions
 */
const uuid = z.uuid();
const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * Who may review: 《医疗机构处方审核规范》第五条 asks for a pharmacist's professional title (药师 or
 * above), 3 years of outpatient or ward dispensing, and passed training for the review post.
 */
export const pharmacistTitles = ['pharmacist', 'pharmacist-in-charge', 'associate-chief-pharmacist', 'chief-pharmacist'] as const;
export const ReviewerQualification = z.object({
  title: z.enum(pharmacistTitles),
  dispensingYears: z.number().int().min(0).max(70),
  trainingPassed: z.boolean(),
});
export type ReviewerQualification = z.infer<typeof ReviewerQualification>;
export const minimumDispensingYears = 3;
export const isQualifiedReviewer = (q: ReviewerQualification | null): boolean =>
  q !== null && q.trainingPassed && q.dispensingYears >= minimumDispensingYears;

/** What the queue screen shows at first, and how far "show more" may go: a page, never thousands of rows. */
export const queuePageSize = 100;
export const maxQueueLimit = 1000;

export const ReviewQueueQuery = z.object({
  department: z.string().trim().min(1).max(64).optional(),
  physicianId: z.string().trim().min(1).max(64).optional(),
  /** An alert code the arrival check raised (e.g. HIGH_ALERT, INTERACTION). */
  alert: z.string().regex(/^[A-Z_]{2,40}$/, 'expected an alert code such as HIGH_ALERT').optional(),
  /** The most urgent `limit` items (default `queuePageSize`); counts still cover the whole (filtered) queue. */
  limit: z.coerce.number().int().min(1).max(maxQueueLimit).optional(),
});
export type ReviewQueueQuery = z.infer<typeof ReviewQueueQuery>;

/** Why an item sits where it does in the queue, most urgent first (see server/review/queue.ts). */
export const Urgency = z.object({
  emergency: z.boolean(),
  highAlert: z.boolean(),
  child: z.boolean(),
  elderly: z.boolean(),
  overridden: z.boolean(),
  /** Alerts the server's arrival check found that the prescriber did not answer. */
  unacknowledged: z.number().int().min(0),
});

/** One row of the queue: what the row shows, nothing more (the review screen reads the rest with review:detail). */
export const ReviewQueueItem = z.object({
  prescriptionId: z.string(),
  patientAge: z.number().int().min(0),
  department: z.string(),
  prescriber: z.object({ id: z.string(), name: z.string() }),
  waitingMs: z.number().int().min(0),
  clock: z.enum(['green', 'amber', 'red']),
  /** Past its last valid day (《处方管理办法》第十八条): shown, never approvable. */
  expired: z.boolean(),
  urgency: Urgency,
  alerts: z.array(z.string()),
  claim: z.object({ pharmacistId: z.string(), pharmacistName: z.string(), expiresAt: z.string() }).nullable(),
});
export type ReviewQueueItem = z.infer<typeof ReviewQueueItem>;

export const ReviewQueueResponse = z.object({
  items: z.array(ReviewQueueItem),
  /** Over the whole queue the filters select, not only the page. */
  counts: z.object({ waiting: z.number().int(), inReview: z.number().int(), amber: z.number().int(), red: z.number().int(), expired: z.number().int() }),
  /** What the filters can offer: every value in the whole queue, whatever the filters. */
  facets: z.object({ departments: z.array(z.string()), physicians: z.array(z.object({ id: z.string(), name: z.string() })), alerts: z.array(z.string()) }),
  limits: z.object({ amberMs: z.number().int(), redMs: z.number().int() }),
  /** Whether the caller may claim (a qualified reviewer); others see the queue read-only. */
  mayClaim: z.boolean(),
});
export type ReviewQueueResponse = z.infer<typeof ReviewQueueResponse>;

export const ClaimRequest = z.object({ requestId: uuid, prescriptionId: uuid });
export type ClaimRequest = z.infer<typeof ClaimRequest>;
export const ClaimResponse = z.object({ prescriptionId: z.string(), pharmacistId: z.string(), expiresAt: z.string() });
export type ClaimResponse = z.infer<typeof ClaimResponse>;
export const ReleaseResponse = z.object({ prescriptionId: z.string(), released: z.boolean() });

/**
 * A review decision is one person's signed act: SM2-SM3 over the canonical JSON of everything here
 * but `signature` (shared/signing/documentSignature.ts), by the reviewer's own key.
 *  approve    the prescription becomes effective and dispensable
 *  return     back to the prescriber, with at least one structured reason and a note
 *  intervene  a recommendation made to the prescriber and their answer, recorded; the review goes on
 */
export const ReviewDecisionDocument = z
  .object({
    decisionId: uuid,
    prescriptionId: uuid,
    decision: z.enum(['approve', 'return', 'intervene']),
    reasons: z.array(z.string().refine(isReturnReason, 'not a return reason of resources/review/return-reasons.json')).max(20),
    note: z.string().trim().max(1000),
    intervention: z.object({ recommendation: text(1000), physicianResponse: z.enum(['accepted', 'declined', 'pending']) }).nullable(),
    reviewer: z.object({ id: z.string().min(1).max(64), name: z.string().max(100) }),
    decidedAt: z.iso.datetime({ offset: true }),
  })
  .refine((d) => d.decision !== 'return' || (d.reasons.length > 0 && d.note.length > 0), {
    message: 'a return needs at least one reason and a note for the prescriber',
    path: ['reasons'],
  })
  .refine((d) => d.decision !== 'intervene' || d.intervention !== null, { message: 'an intervention records what was recommended', path: ['intervention'] });
export type ReviewDecisionDocument = z.infer<typeof ReviewDecisionDocument>;

export const ReviewDecision = z.object({ document: ReviewDecisionDocument, signature: PrescriptionSignature });
export type ReviewDecision = z.infer<typeof ReviewDecision>;

export const DecisionResponse = z.object({
  decisionId: z.string(),
  prescriptionId: z.string(),
  status: z.string(),
  decidedAt: z.string(),
});
export type DecisionResponse = z.infer<typeof DecisionResponse>;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
export const ReviewStatsQuery = z
  .object({ from: isoDay, to: isoDay })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type ReviewStatsQuery = z.infer<typeof ReviewStatsQuery>;

const StatsSummary = z.object({
  decided: z.number().int(),
  approved: z.number().int(),
  returned: z.number().int(),
  returnRate: z.number().nullable(),
  interventions: z.number().int(),
  interventionRate: z.number().nullable(),
  interventionsAccepted: z.number().int(),
  medianTurnaroundMs: z.number().nullable(),
  p90TurnaroundMs: z.number().nullable(),
});

/** The pharmacy lead's figures (server/review/stats.ts); never a ranking by value or revenue. */
export const ReviewStats = z.object({
  from: z.string(),
  to: z.string(),
  total: StatsSummary,
  byDepartment: z.array(StatsSummary.extend({ department: z.string() })),
  byReason: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string(), returns: z.number().int() })),
});
export type ReviewStats = z.infer<typeof ReviewStats>;

/** What the server's arrival check found (server/rx/arrivalCheck.ts), as stored with the prescription. */
export const ArrivalCheck = z.object({
  checkedAt: z.string(),
  alerts: z.array(z.object({ code: z.string(), severity: z.string(), message: z.string(), drugs: z.array(z.string()), acknowledged: z.boolean() })),
  invalid: z.string().nullable(),
});
export type ArrivalCheck = z.infer<typeof ArrivalCheck>;

/**
 * `GET /review/prescriptions/:id`: the prescription as signed (`signed` is the prescription.submit
 * payload, signature included), what the arrival check found, the live claim, every decision on
 * this version and the versions before it, oldest first, and the version it revises.
 */
export const ReviewDetailResponse = z.object({
  prescription: z.object({
    id: z.string(),
    patientId: z.string(),
    status: z.string(),
    authorId: z.string().nullable().default(null),
    previousId: z.string().nullable(),
    signed: z.unknown(),
    /** Server time the prescriber's signature was verified on arrival; null if it arrived unsigned. */
    signatureVerifiedAt: z.string().nullable().default(null),
    arrivalCheck: ArrivalCheck.nullable(),
    voidedAt: z.string().nullable(),
    voidReason: z.string().nullable(),
  }),
  /** The version this one revises, as signed. */
  previous: z.object({ id: z.string(), signed: z.unknown() }).nullable().default(null),
  claim: z.object({ pharmacistId: z.string(), expiresAt: z.string() }).nullable(),
  decisions: z.array(
    z.object({
      id: z.string(),
      prescriptionId: z.string(),
      pharmacistId: z.string(),
      pharmacistName: z.string().default(''),
      decision: z.enum(['approve', 'return', 'intervene']),
      reasons: z.array(z.string()),
      note: z.string(),
      intervention: z.object({ recommendation: z.string(), physicianResponse: z.enum(['accepted', 'declined', 'pending']) }).nullable(),
      decidedAt: z.string().default(''),
      recordedAt: z.string(),
    }),
  ),
});
export type ReviewDetailResponse = z.infer<typeof ReviewDetailResponse>;
