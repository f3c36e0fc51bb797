import { z } from 'zod';
import { RecordDocument } from '../emr/record';
import { PrescriptionSignature } from './signatureWire';

/**
 * Structured outpatient records on the sync wire (issue 11).
 *
 * A signed record (or an amendment, a new version naming the one it corrects with a reason) is
 * pushed whole: the document exactly as signed and the author's SM2 signature over its canonical
 * JSON. The server verifies the signature against the author's registered certificate and checks
 * the response again against the template version the document names, with the same code the
 * workstation ran (shared/emr/validation.ts), before it keeps anything. Signed records are never
 * changed or deleted on either side (《医疗机构病历管理规定》(2013) 第二十九条: outpatient records are
 * kept at least 15 years).
 *
 * Templates travel the other way: the hospital's imported Questionnaires and ValueSets, one row
 * per resource version, sent to every device like the hospital formulary.
 */
const signedRecord = z.object({ document: RecordDocument, signature: PrescriptionSignature });

export const emrMutationPayloads = {
  'emr.record.sign': signedRecord.refine((p) => p.document.previousId === null, {
    message: 'a first signature names no earlier version; send an amendment as emr.record.amend',
    path: ['document', 'previousId'],
  }),
  'emr.record.amend': signedRecord.refine((p) => p.document.previousId !== null, {
    message: 'an amendment names the version it corrects',
    path: ['document', 'previousId'],
  }),
} as const;
export type SignedRecordPayload = z.infer<typeof signedRecord>;

/** Why the server refuses a record (beyond the generic reasons in wire.ts): neither is retryable. */
export const emrRejectReasons = [
  'SIGNATURE_INVALID', // the signature does not verify over the document, or its key is not the author's registered one
  'RECORD_INVALID', // the response does not pass its template version's validation, or names a template the server lacks
] as const;

/**
 * The text a signed record is stored as, on the workstation and the server alike, so a feed copy of
 * a record signed here is byte-for-byte the row already cached (the cache's trigger refuses any
 * change of a signed row). Parsing fixes the key order, so the same document gives the same text.
 */
export const signedRecordJson = (record: SignedRecordPayload): string =>
  JSON.stringify({ document: RecordDocument.parse(record.document), signature: PrescriptionSignature.parse(record.signature) });

const id = z.string().min(1).max(64);

/** A signed record as the feed carries it: the workstation's `emr_records` columns (migration 013). */
export const EmrRecordRow = z.object({
  id,
  patient_id: id,
  encounter_id: id,
  template_url: z.string(),
  template_version: z.string(),
  version: z.number().int().min(1),
  previous_id: id.nullable(),
  amend_reason: z.string().nullable(),
  author_id: id,
  signed_at: z.string(),
  digest: z.string(), // SM3 of the canonical JSON of the document, hex
  signed_document: z.string(), // signedRecordJson: the document and its signature
});

/**
 * One imported template resource (a Questionnaire, or a ValueSet one names) in one version, sent to
 * every device: templates hold no patient data and are the same for all. `revision` is the
 * server's import order: of two versions of one url, the higher revision is the hospital's newest.
 */
export const EmrTemplateRow = z.object({
  id: z.string().min(1).max(400), // `${resource_type}|${url}|${version}`
  resource_type: z.enum(['Questionnaire', 'ValueSet']),
  url: z.string(),
  version: z.string(),
  resource: z.string(), // the FHIR resource as imported, JSON
  revision: z.number().int().min(1),
  imported_at: z.string(), // server time, ISO 8601
});
