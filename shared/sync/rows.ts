import { z } from 'zod';
import { DiagnosisStatus } from './chartWire';
import { FaceTemplateRow } from './faceWire';
import { EmrRecordRow, EmrTemplateRow } from './emrWire';
import { AdrReportRow } from './adrWire';

/**
 * Rows as they travel in the change feed: the workstation applies each one as an upsert into the
 * table of the same name, so column names are the workstation's (`electron/core/store/migrations`).
 *
 * Every value is a string, a number or null, so a row binds straight into SQLite (better-sqlite3
 * refuses booleans and arrays): `roles` is a JSON array in text, `suspended` is 0 or 1, and
 * prescription `items` is JSON text, as in the workstation schema.
 *
 * Synced tables only grow (STYLE.md): a column named here is never dropped or reused. Columns
 * marked NEW are not yet in the workstation's 001 schema; its sync worker needs a migration that
 * adds them (all nullable or defaulted) and the `conflicts` table.
 */
const id = z.string().min(1).max(64);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const nullableId = id.nullable();

export const UserRow = z.object({
  id,
  account: z.string(),
  display_name: z.string(),
  roles: z.string(), // JSON array of roles, e.g. '["physician"]'
  department: z.string(),
  licence_no: z.string(),
  // Retired (issue 8, item 9): always '' (synced tables only grow, so the name is kept and never
  // reused). Offline sign-in uses a device-made verifier instead (common/auth/offlineVerifier.ts).
  password_hash: z.string(),
  suspended: z.union([z.literal(0), z.literal(1)]),
});

export const PatientRow = z.object({
  id,
  name: z.string(),
  name_pinyin: z.string(),
  name_pinyin_compact: z.string(),
  name_initials: z.string(),
  sex: z.enum(['male', 'female']),
  birth_date: isoDate,
  id_number_masked: z.string(),
  phone: z.string(),
  address: z.string(), // NEW
  department: z.string(),
  /** The hospital's medical record number (病案号, issue 11); '' from a server that predates it. */
  record_number: z.string().default(''),
  version: z.number().int(), // server-assigned; the base for scalar edits (see merge.ts)
});

export const EncounterRow = z.object({
  id,
  patient_id: id,
  date: isoDate,
  kind: z.enum(['first-visit', 'follow-up']),
  channel: z.enum(['in-person', 'online']),
  department: z.string(),
  physician_name: z.string(),
  chief_complaint: z.string(),
  author_id: nullableId, // NEW; null for imported/demo history
});

export const DiagnosisRow = z.object({
  id,
  patient_id: id,
  encounter_id: nullableId,
  icd10: z.string(),
  label: z.string(),
  setting: z.enum(['in-person', 'online']),
  diagnosed_on: isoDate,
  author_id: nullableId, // NEW
  // Issue 11: the problem list's status, who last changed it and why (shared/sync/chartWire.ts).
  status: DiagnosisStatus.default('active'),
  status_changed_by: nullableId.default(null),
  status_reason: z.string().nullable().default(null),
});

export const AllergyRow = z.object({
  id,
  patient_id: id,
  allergen: z.string(),
  reaction: z.string(),
  status: z.enum(['active', 'removed']),
  recorded_on: isoDate,
  recorded_by: nullableId, // NEW
  status_changed_by: nullableId, // NEW: who last changed the status (removal has an author)
  status_reason: z.string().nullable(), // NEW: and why
});

export const PrescriptionRow = z.object({
  id,
  patient_id: id,
  encounter_id: nullableId,
  issued_on: isoDate,
  status: z.string(), // 'submitted' (awaiting review), 'superseded', 'dispensed', ...
  items: z.string(), // JSON array; immutable once signed
  previous_id: nullableId, // NEW: the version this one corrects
  author_id: nullableId, // NEW
  // The signed document and its void (issue 4). Defaulted, so a row from a server without them
  // still parses; the workstation keeps its own value where the server sends null (`keepLocal`).
  /** 《处方管理办法》第十八条: valid on the day of issue, up to 3 days with a reason. */
  validity_days: z.number().int().min(1).default(1),
  validity_reason: z.string().nullable().default(null),
  signed_at: z.string().nullable().default(null),
  /** The `prescription.submit` payload as signed, signature included (JSON): verifiable anywhere. */
  signed_payload: z.string().nullable().default(null),
  voided_at: z.string().nullable().default(null), // server time the void was recorded
  voided_by: nullableId.default(null),
  void_reason: z.string().nullable().default(null),
  /** Its status when voided: 'approved' or 'dispensed' means a void after approval, for the pharmacist. */
  voided_from_status: z.string().nullable().default(null),
});

export const LabRow = z.object({
  id,
  patient_id: id,
  taken_on: isoDate,
  test: z.string(),
  value: z.string(),
  unit: z.string(),
  flag: z.enum(['normal', 'high', 'low']),
});

/**
 * NEW table. A scalar edit based on a stale version of a field someone else changed: the server
 * keeps its value in the patient row and the losing value here, for a person to resolve. A
 * prescription corrected twice from the same version also lands here (kind 'version-branch').
 */
export const ConflictRow = z.object({
  id,
  patient_id: id,
  kind: z.enum(['stale-field', 'version-branch']),
  entity: z.string(), // table of the contested row
  entity_id: id,
  field: z.string().nullable(),
  server_value: z.string().nullable(),
  client_value: z.string().nullable(),
  base_version: z.number().int().nullable(),
  server_version: z.number().int().nullable(),
  author_id: id, // who made the change that did not win
  device_id: id,
  status: z.enum(['open', 'resolved']),
  created_at: z.string(), // server time, ISO 8601
});

/**
 * NEW table. One drug code of the hospital's own formulary (shared/rx/knowledge/hospital.ts), sent
 * to every device whatever its scope: it is the same for all, and holds no patient data.
 */
export const FormularyRow = z.object({
  id: z.string().min(1).max(80), // the drug code
  status: z.enum(['listed', 'withdrawn']),
  drug: z.string().nullable(), // the hospital's drug record as JSON; null = the shipped record
  reason: z.string().nullable(), // why it was withdrawn
  version: z.number().int(), // server-assigned, bumped on every change of this code
  updated_at: z.string(), // server time, ISO 8601
});

/**
 * NEW table (issue 10). A pharmacist's signed review decision on one prescription version, sent
 * with the prescription's audience (its prescriber's scope, and the pharmacists' via the review
 * flag). Decisions are never changed or deleted; a later decision is a new row.
 */
export const ReviewDecisionRow = z.object({
  id,
  prescription_id: id,
  patient_id: id,
  reviewer_id: id,
  reviewer_name: z.string(),
  decision: z.enum(['approve', 'return', 'intervene']),
  reasons: z.string(), // JSON array of return reason codes (resources/review/return-reasons.json)
  note: z.string(),
  intervention: z.string().nullable(), // JSON { recommendation, physicianResponse } or null
  decided_at: z.string(), // the reviewer's clock, as signed
  recorded_at: z.string(), // the server's
  /** The decision document and its SM2 signature (canonical JSON): verifiable anywhere. */
  signed_document: z.string(),
  signature_public_key: z.string(),
  signature_certificate_id: z.string().nullable(),
  signature_value: z.string(),
});

/**
 * NEW table (issue 8, item 11 step 4). A signer certificate of the hospital CA, sent to every
 * device: a workstation judges each signed document it shows against the signer's registered
 * certificate (shared/signing/signedDocument.ts), offline too. `body` is the certificate as the CA
 * signed it (canonical JSON of `SigningCertificate`), so the device checks the CA's signature itself.
 */
export const CertificateRow = z.object({
  id: z.string().min(1).max(200), // the serial
  user_id: id,
  body: z.string(),
  ca_signature: z.string(),
  ca_public_key: z.string(),
  revoked_at: z.string().nullable(), // server time, ISO 8601; null while it stands
});

/**
 * NEW table (issue 12). One hospital setting (shared/admin/hospitalSettings.ts: the face policy,
 * review, retention), sent to every device: a workstation applies the hospital's face policy at its
 * next contact and keeps the last one offline (electron/core/session/facePolicy.ts).
 */
export const HospitalSettingRow = z.object({
  id: z.string().min(1).max(40), // the setting's key
  value: z.string(), // the value as JSON; its key's schema validates it where it is used
  version: z.number().int(), // bumped on every change of this key
  updated_at: z.string(), // server time, ISO 8601
});

/**
 * Adding a table: old clients never receive it (they pull with their own `tables`, wire.ts), and
 * the workstation migration that adds it must forget the pull cursors (as 004 does) so the new
 * table is backfilled from the start. (005, `formulary`, predates that parameter: no client could
 * have pulled past a formulary row, so it needed no reset.)
 */
export const wireRowSchemas = {
  users: UserRow,
  patients: PatientRow,
  encounters: EncounterRow,
  diagnoses: DiagnosisRow,
  allergies: AllergyRow,
  prescriptions: PrescriptionRow,
  labs: LabRow,
  conflicts: ConflictRow,
  formulary: FormularyRow,
  review_decisions: ReviewDecisionRow,
  signing_certificates: CertificateRow,
  hospital_settings: HospitalSettingRow,
  face_templates: FaceTemplateRow,
  emr_records: EmrRecordRow,
  emr_templates: EmrTemplateRow,
  adr_reports: AdrReportRow,
} as const;

export type WireTable = keyof typeof wireRowSchemas;
export const wireTables = Object.keys(wireRowSchemas) as WireTable[];
export type WireRow<T extends WireTable> = z.infer<(typeof wireRowSchemas)[T]>;

/**
 * Tables not scoped by patient: every device receives them whatever its user's scope. Except
 * `face_templates`, whose every change names its user as the audience (the server's changes table
 * refuses one without: server migration 018), so only that user's devices receive it.
 */
export const globalTables: readonly WireTable[] = ['users', 'formulary', 'signing_certificates', 'hospital_settings', 'emr_templates', 'face_templates'];

/** Column order per table, for building INSERT/upsert statements on either side. */
export const wireColumns = Object.fromEntries(
  wireTables.map((table) => [table, Object.keys(wireRowSchemas[table].shape)]),
) as { [T in WireTable]: (keyof WireRow<T> & string)[] };

/**
 * Columns a pulled row fills but never empties: the workstation wrote them itself when the
 * prescription was signed or voided there, and a row pulled before the server has heard of that
 * (or from a server that predates the column) must not wipe them.
 */
export const keepLocal: { readonly [T in WireTable]?: readonly (keyof WireRow<T> & string)[] } = {
  prescriptions: ['validity_reason', 'signed_at', 'signed_payload', 'voided_at', 'voided_by', 'void_reason', 'voided_from_status'],
};
