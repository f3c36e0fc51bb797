import { z } from 'zod';
import { chartMutationPayloads } from './chartWire';
import { faceMutationPayloads } from './faceWire';
import { emrMutationPayloads, emrRejectReasons } from './emrWire';
import { adrMutationPayloads } from './adrWire';
import { PrescriptionSignature } from './signatureWire';
import { LongSupply, PatientInformed } from './rxRiskWire';
import { wireRowSchemas, type WireTable } from './rows';

/**
 * The sync wire protocol between a workstation's sync worker and the hospital server.
 * Both sides import these schemas; the server validates every request with them and the worker
 * should validate what it enqueues (a malformed mutation fails the whole push with 400).
 *
 * PUSH  `POST /sync/push`, `Authorization: Bearer <token>`, body `PushRequest`.
 *   The worker sends its outbox in order, in batches of at most `maxBatch` mutations. The server
 *   applies each mutation in its own savepoint (several per transaction), in batch order, at most once: the client-made
 *   `mutationId` is stored with its outcome, and a replay answers `duplicate` with the original
 *   outcome. After a response, the worker commits locally and then:
 *     applied            drop from the outbox (kept aside, settled, for the retention window below)
 *     conflict           drop from the outbox; the conflict row arrives through the feed
 *     duplicate          treat as `original`
 *     rejected, retryable: true   keep it and retry later (e.g. its encounter is in a later batch)
 *     rejected, retryable: false  move it aside for a person: replaying gets the same answer
 *   A 403 `DEVICE_REVOKED` (or `DEVICE_PENDING`) means: stop, quarantine the outbox, never drop it.
 *   A network error means the outcome is unknown: resend the same mutations; ids make it safe.
 *
 * PULL  `GET /sync/pull?cursor=N&limit=M&scopeEpoch=E&tables=T1,T2`, `Authorization: Bearer <token>`.
 *   Returns the changes after `cursor` visible to the token's user, in `seq` order. Each change is
 *   a whole row to upsert (see rows.ts). Keep `{ scopeEpoch, cursor }` per account on the device and
 *   store `nextCursor` only in the same local transaction that applied the page.
 *   `scopeEpoch` is the user's scope generation: the server bumps it when what the user may see
 *   changes (department or roles). When the client's epoch differs from the server's (or is
 *   absent), the server ignores the cursor and starts from 0 (`reset: true`): that backfill
 *   re-sends everything now in scope; upserts make re-sent rows harmless. Rows that left the scope
 *   stay in the cache (nothing clinical is deleted); reads are still authorised per session.
 *   Sequence numbers are assigned in commit order (see server/feed/append.ts), so a change that
 *   commits late can never appear behind a cursor the client already stored.
 *   A copy with an older `seq` than the one cached never overwrites it (each user has their own
 *   cursor, so another user's replay brings older copies). A change may carry an audience: the
 *   chart of a patient a user just gained access to is appended for that user alone, so each of
 *   their devices receives it (server/feed/backfill.ts).
 *   A pharmacist's scope ends (issue 8, item 5): with `keptDigest`, the last page names the
 *   patients their devices may keep (`keptPatients`); cached copies of the others are removed in
 *   the transaction that stores the cursor (never anything unsent, never another local user's).
 *
 * A FEED THAT WENT BACK IN TIME (a restore from backup, a lagging replica, a PGlite power loss):
 *   each page carries `feedId` and the fingerprints `cursorMark` (of the change at the cursor sent)
 *   and `nextMark` (at `nextCursor`). The client keeps `nextMark` with its cursor; a different
 *   `feedId`, a `cursorMark` unlike the one kept, or a cursor beyond `latestSeq` means the server
 *   lost changes it had confirmed. The client then puts back into its outbox the mutations it
 *   settled within the retention window (7 days) and sends them again (the server answers
 *   `applied` for what it lost, `duplicate` for what it kept), pulls every user again from 0
 *   (cached positions forgotten), and records it in its audit log and for its admin.
 *
 * Client clocks never order anything: `clientTime` is stored and shown, and a clock more than
 * `clockSkewToleranceMs` from the server's is flagged on the stored change (`clockSkewed`).
 */
export const maxBatch = 500;
export const defaultPullLimit = 500;
export const maxPullLimit = 2000;

const uuid = z.uuid();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);

export const PrescriptionItem = z.object({
  drug: text(120),
  dose: text(60),
  frequency: text(30),
  days: z.number().int().min(1).max(365),
  // Structured fields of an item drafted and signed on a workstation (issue 4). Optional, so an
  // item written before them (demo history) still parses; `drug`/`dose`/`frequency` stay the
  // human-readable forms.
  drugCode: z.string().trim().min(1).max(80).optional(),
  drugNameZh: z.string().trim().max(120).optional(),
  form: z.string().trim().max(60).optional(),
  release: z.enum(['immediate', 'extended']).optional(),
  route: z.string().trim().max(30).optional(),
  doseValue: z.number().positive().optional(),
  doseUnit: z.string().trim().max(10).optional(),
  /** For `prn`: at most this many doses a day. */
  maxPerDay: z.number().int().positive().optional(),
  quantity: z.number().positive().optional(),
  quantityUnit: z.string().trim().max(40).optional(),
  /** ICD-10 code the item is prescribed for. */
  indication: z.string().trim().max(12).optional(),
});

/**
 * What the prescriber's checks ran with beyond the record the server holds: the visit as declared
 * and the facts asked in the form. Signed with the rest of the prescription, so the server re-runs
 * the same checks on arrival (server/rx/arrivalCheck.ts) with the prescriber's own inputs.
 */
export const CheckedWith = z.object({
  visit: z.object({ kind: z.enum(['follow-up', 'first-visit']), emergency: z.boolean(), guardianPresent: z.boolean().nullable(), department: z.string().max(64) }),
  patientFacts: z.object({ weightKg: z.number().positive().max(500).nullable(), pregnant: z.boolean().nullable(), lactating: z.boolean().nullable() }),
});

export { PrescriptionSignature } from './signatureWire';

/** Payload per mutation kind. Ids of new rows are made by the client (UUIDs), never reused. */
export const mutationPayloads = {
  /** Scalar patient field; `baseVersion` (envelope) is the patient `version` the edit was made on. */
  'patient.field.set': z.object({
    patientId: uuid,
    field: z.enum(['phone', 'address']),
    value: z.string().trim().max(200),
  }),
  'allergy.add': z.object({
    id: uuid,
    patientId: uuid,
    allergen: text(120),
    reaction: text(200),
    recordedOn: isoDate,
  }),
  /** Removal (or reinstatement) is a status change with an author and a reason, never a delete. */
  'allergy.status.set': z.object({
    allergyId: uuid,
    status: z.enum(['active', 'removed']),
    reason: text(500),
  }),
  'encounter.add': z.object({
    id: uuid,
    patientId: uuid,
    date: isoDate,
    kind: z.enum(['first-visit', 'follow-up']),
    channel: z.enum(['in-person', 'online']),
    chiefComplaint: text(500),
  }),
  'diagnosis.add': z.object({
    id: uuid,
    patientId: uuid,
    encounterId: uuid.nullable(),
    icd10: z.string().regex(/^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$/, 'expected an ICD-10 code such as E11.9'),
    label: text(200),
    setting: z.enum(['in-person', 'online']),
    diagnosedOn: isoDate,
  }),
  /**
   * A signed prescription, sent for pharmacist review. Immutable: a correction is a new id with
   * `previousId` pointing at the version it replaces and a `reason`.
   */
  'prescription.submit': z
    .object({
      id: uuid,
      patientId: uuid,
      encounterId: uuid,
      issuedOn: isoDate,
      items: z.array(PrescriptionItem).min(1).max(20),
      previousId: uuid.nullable(),
      reason: z.string().trim().max(500).nullable(),
      // Added for signed prescriptions (issue 4); optional so earlier clients' payloads still parse.
      /** Days the prescription may be dispensed (1 = day of issue; up to 3 with a reason, 《处方管理办法》第十八条). */
      validityDays: z.number().int().min(1).max(3).optional(),
      validityReason: z.string().trim().max(500).nullable().optional(),
      /** Alerts the prescriber overrode when signing, each with the reason the pharmacist will read. */
      overrides: z
        .array(z.object({
          code: z.string().max(40),
          key: z.string().max(300),
          reason: text(500),
          /** The drug codes the alert concerned (shared/rx/acknowledgement.ts), so a re-check can match it. */
          drugs: z.array(z.string().max(80)).max(20).optional(),
        }))
        .max(100)
        .optional(),
      prescriber: z.object({ id: z.string().min(1).max(64), name: z.string().max(100), licenceNo: z.string().max(64) }).optional(),
      checkedWith: CheckedWith.optional(),
      signedAt: z.iso.datetime({ offset: true }).optional(),
      // Issue 13 (shared/sync/rxRiskWire.ts): the patient told of high-alert risks; why a supply is long.
      patientInformed: PatientInformed.optional(),
      longSupply: LongSupply.optional(),
      signature: PrescriptionSignature.optional(),
    })
    .refine((p) => p.previousId === null || (p.reason !== null && p.reason.length > 0), {
      message: 'a corrected prescription needs a reason',
      path: ['reason'],
    }),
  /**
   * The prescriber withdraws a signed prescription (issue 4). Nothing is deleted: the server records
   * reason, author and time. Before approval the status becomes 'voided'; after approval the status
   * stays and the void is recorded and flagged for the pharmacist.
   */
  'prescription.void': z.object({
    prescriptionId: uuid,
    reason: text(500),
  }),
  ...chartMutationPayloads,
  ...faceMutationPayloads,
  ...emrMutationPayloads,
  ...adrMutationPayloads,
} as const;

export type MutationKind = keyof typeof mutationPayloads;
export const mutationKinds = Object.keys(mutationPayloads) as MutationKind[];
export type MutationPayload<K extends MutationKind> = z.infer<(typeof mutationPayloads)[K]>;

const envelope = {
  mutationId: uuid,
  /** The version of the edited row the client saw; required for scalar edits. */
  baseVersion: z.number().int().min(1).optional(),
  /** The client's wall clock when the change was made: shown, flagged if far off, never ordering. */
  clientTime: z.iso.datetime({ offset: true }),
};

export const Mutation = z.discriminatedUnion('kind', [
  z.object({ ...envelope, kind: z.literal('patient.field.set'), payload: mutationPayloads['patient.field.set'], baseVersion: z.number().int().min(1) }),
  z.object({ ...envelope, kind: z.literal('allergy.add'), payload: mutationPayloads['allergy.add'] }),
  z.object({ ...envelope, kind: z.literal('allergy.status.set'), payload: mutationPayloads['allergy.status.set'] }),
  z.object({ ...envelope, kind: z.literal('encounter.add'), payload: mutationPayloads['encounter.add'] }),
  z.object({ ...envelope, kind: z.literal('diagnosis.add'), payload: mutationPayloads['diagnosis.add'] }),
  z.object({ ...envelope, kind: z.literal('prescription.submit'), payload: mutationPayloads['prescription.submit'] }),
  z.object({ ...envelope, kind: z.literal('prescription.void'), payload: mutationPayloads['prescription.void'] }),
  z.object({ ...envelope, kind: z.literal('diagnosis.status.set'), payload: mutationPayloads['diagnosis.status.set'] }),
  z.object({ ...envelope, kind: z.literal('face.roaming.consent'), payload: mutationPayloads['face.roaming.consent'] }),
  z.object({ ...envelope, kind: z.literal('face.template.roam'), payload: mutationPayloads['face.template.roam'] }),
  z.object({ ...envelope, kind: z.literal('emr.record.sign'), payload: mutationPayloads['emr.record.sign'] }),
  z.object({ ...envelope, kind: z.literal('emr.record.amend'), payload: mutationPayloads['emr.record.amend'] }),
  z.object({ ...envelope, kind: z.literal('adr.report.record'), payload: mutationPayloads['adr.report.record'] }),
]);
export type Mutation = z.infer<typeof Mutation>;

export const PushRequest = z.object({
  deviceId: uuid,
  batch: z.array(Mutation).min(1).max(maxBatch),
});
export type PushRequest = z.infer<typeof PushRequest>;

/** Why a mutation was refused. Retryable ones are not recorded: the same id may apply later. */
export const rejectReasons = [
  'NOT_FOUND', // the patient / allergy / previous prescription does not exist
  'FORBIDDEN', // outside the user's scope or role
  'INVALID', // well-formed but impossible (e.g. a base version the server never issued)
  'IMMUTABLE', // an id of a signed document resent with different content
  'ID_TAKEN', // a row or mutation id already used by something else
  'DEPENDENCY_MISSING', // retryable: refers to a row not yet pushed (e.g. an encounter in a later batch)
  'CONSENT_MISSING', // a face template without the user's recorded roaming consent (faceWire.ts)
  'ROAMING_UNAVAILABLE', // this server holds no face template key: templates do not roam here
  ...emrRejectReasons,
] as const;
export const RejectReason = z.enum(rejectReasons);
export type RejectReason = z.infer<typeof RejectReason>;

export const Outcome = z.discriminatedUnion('status', [
  /** `seq` is the last feed entry written; null when the change was already true (converged). */
  z.object({ status: z.literal('applied'), seq: z.number().int().nullable() }),
  /** Both values kept: the server's in the row, the client's in the conflict row `conflictId`. */
  z.object({ status: z.literal('conflict'), conflictId: z.string(), seq: z.number().int() }),
  z.object({ status: z.literal('rejected'), reason: RejectReason, message: z.string(), retryable: z.boolean() }),
]);
export type Outcome = z.infer<typeof Outcome>;

export const PushResult = z.union([
  Outcome.and(z.object({ mutationId: uuid })),
  z.object({ mutationId: uuid, status: z.literal('duplicate'), original: Outcome }),
]);
export type PushResult = z.infer<typeof PushResult>;

export const PushResponse = z.object({ results: z.array(PushResult) });
export type PushResponse = z.infer<typeof PushResponse>;

export const PullQuery = z.object({
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(maxPullLimit).default(defaultPullLimit),
  scopeEpoch: z.coerce.number().int().min(1).optional(),
  /**
   * The tables this client can apply, comma-separated; rows of other tables are not sent, so a
   * newer server never breaks an older client. Absent: every table (clients before this field).
   * Names the server does not know are ignored: a newer client may know more tables.
   */
  tables: z
    .string()
    .max(1000)
    .regex(/^[a-z_]+(,[a-z_]+)*$/, 'expected table names separated by commas')
    .transform((list) => list.split(','))
    .optional(),
  /**
   * Sent by clients that keep a pharmacist's scope (issue 8, item 5): the digest of the kept-patient
   * list they hold, `none` before the first. Absent (older clients): no `keptPatients` in the answer.
   */
  keptDigest: z.string().regex(/^(none|[0-9a-f]{32})$/, 'expected none or a 32-character hex digest').optional(),
});
export type PullQuery = z.infer<typeof PullQuery>;

const changeMeta = {
  seq: z.number().int().min(1),
  /** The author's clock for a pushed change (null for server-made rows such as the demo seed). */
  clientTime: z.string().nullable(),
  clockSkewed: z.boolean(),
};
const changeFor = <T extends WireTable>(table: T) =>
  z.object({ ...changeMeta, table: z.literal(table), row: wireRowSchemas[table] });

export const Change = z.discriminatedUnion('table', [
  changeFor('users'),
  changeFor('patients'),
  changeFor('encounters'),
  changeFor('diagnoses'),
  changeFor('allergies'),
  changeFor('prescriptions'),
  changeFor('labs'),
  changeFor('conflicts'),
  changeFor('formulary'),
  changeFor('review_decisions'),
  changeFor('signing_certificates'),
  changeFor('hospital_settings'),
  changeFor('face_templates'),
  changeFor('emr_records'),
  changeFor('emr_templates'),
  changeFor('adr_reports'),
]);
export type Change = z.infer<typeof Change>;

export const PullResponse = z.object({
  scopeEpoch: z.number().int(),
  /** True when the server ignored the cursor because the scope changed: a backfill from 0. */
  reset: z.boolean(),
  changes: z.array(Change),
  /** Store this (with scopeEpoch) after applying the page; equals the cursor sent when empty. */
  nextCursor: z.number().int(),
  hasMore: z.boolean(),
  /**
   * The highest seq in the feed when the page was read (all of it, not only the caller's scope):
   * with the cursor it gives the share of the feed still to cover, for a progress bar. Optional:
   * older servers omit it, and clients show a count instead.
   */
  latestSeq: z.number().int().min(0).optional(),
  /**
   * The feed's identity and fingerprints of the changes at the cursor sent and at `nextCursor`
   * (null where there is none): a workstation keeps `nextMark` with its cursor and compares it
   * with the next page's `cursorMark`, so a feed restored from an earlier backup, whose seq N is
   * now another change, is noticed (issue 8, item 6). Optional: older servers omit them.
   */
  feedId: z.string().max(64).optional(),
  cursorMark: z.string().max(64).nullable().optional(),
  nextMark: z.string().max(64).nullable().optional(),
  /**
   * On the last page (`hasMore: false`) for a pharmacist (not also a physician) whose client sent
   * `keptDigest`: the patients their devices may keep cached (waiting for review, reviewed by them
   * within the window, written about by them) and its digest; `patients` only when the digest
   * differs from the one sent. A cached patient outside it leaves this user's view, and the cache
   * when no other local user sees it and nothing unsent names it (electron/core/sync/scopeEviction.ts).
   */
  keptPatients: z
    .object({
      digest: z.string().length(32),
      /** A pharmacist who is also a physician keeps every patient of this department besides (too many to list). */
      department: z.string().min(1).max(64).optional(),
      patients: z.array(z.string().min(1).max(64)).optional(),
    })
    .optional(),
});
export type PullResponse = z.infer<typeof PullResponse>;

/** Every non-2xx answer from the server has this body. */
export const apiErrorCodes = [
  'INVALID_REQUEST',
  'INVALID_JSON',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'BAD_CREDENTIALS',
  'BAD_SIGNATURE',
  'FORBIDDEN',
  'ACCOUNT_SUSPENDED',
  'DEVICE_PENDING',
  'DEVICE_REVOKED',
  'DEVICE_MISMATCH',
  'CONFLICT',
  'BOOTSTRAP_CLOSED',
  'INTERNAL',
  /** 503: the server's database cannot be reached (restarting, failing over); retry later. */
  'DATABASE_UNAVAILABLE',
  /** 409: uploaded audit entries do not continue the chain the server holds (shared/audit/chain.ts). */
  'AUDIT_CHAIN_BROKEN',
  /** 403: the account must choose its own password first (`POST /auth/password`, shared/sync/passwordChange.ts). */
  'PASSWORD_CHANGE_REQUIRED',
  // Pharmacist review (shared/review/wire.ts):
  /** 403: the caller is not a pharmacist qualified to review (《医疗机构处方审核规范》第五条). */
  'NOT_QUALIFIED',
  /** 403: nobody reviews a prescription they wrote. */
  'SELF_REVIEW',
  /** 409: another pharmacist holds the lease on this prescription. */
  'CLAIMED',
  /** 409: a decision without the caller's live lease on the prescription. */
  'NOT_CLAIMED',
  /** 409: the prescription is not waiting for review (approved, returned, voided, superseded). */
  'NOT_REVIEWABLE',
  /** 409: past its last valid day: it may be returned, never approved. */
  'EXPIRED',
  /** 401/400: the request's proof of possession (shared/sync/proof.ts) is missing, malformed, signed by another key, for another body, too far from the server's clock (re-sign with the `date` header's time), or already used. */
  'PROOF_REQUIRED',
  'PROOF_MALFORMED',
  'PROOF_WRONG_KEY',
  'PROOF_BODY_MISMATCH',
  'PROOF_CLOCK_SKEW',
  'PROOF_REPLAYED',
  /** 400: a record template file that is not a Questionnaire CareDesk renders, or changes a version already held (shared/emr/templateImport.ts). */
  'TEMPLATE_INVALID',
  /** 400: an audit retention below the law's floor (clinical 15 years, process 3: shared/audit/retention.ts). */
  'RETENTION_BELOW_MINIMUM',
] as const;
export const ApiErrorCode = z.enum(apiErrorCodes);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;
export const ApiError = z.object({ error: z.object({ code: ApiErrorCode, message: z.string() }) });
export type ApiError = z.infer<typeof ApiError>;
