/**
 * A signed outpatient record, or its amendment, arriving from a workstation (issue 11).
 *
 * Before anything is locked or written, the server judges the document as it judges a
 * prescription: the author is the account sending it, and the SM2 signature verifies over the
 * document by the key the hospital CA certified for that account (shared/signing/signedDocument.ts,
 * the rule every workstation applies too). Then the response is checked again against the template
 * version it names with the shared validation (shared/emr/validation.ts), and must be exactly the
 * response those answers make under that version (calculated values recomputed, hidden fields
 * absent). A refusal is final: resending the same signed bytes cannot fix it.
 */
import { sm3 } from 'sm-crypto-v2';
import { canonicalJson } from '../../../shared/domain/canonical';
import { answersOfResponse, recordBytes, type RecordDocument } from '../../../shared/emr/record';
import { questionnaireResponse } from '../../../shared/emr/response';
import { checkRecord } from '../../../shared/emr/validation';
import { signedDocumentProblem } from '../../../shared/signing/signedDocument';
import { signedRecordJson, type SignedRecordPayload } from '../../../shared/sync/emrWire';
import type { Mutation, Outcome } from '../../../shared/sync/wire';
import { templateVersion } from '../../emr/templates';
import { appendChanges } from '../../feed/append';
import { findCertificate } from '../../signing/certificates';
import { lockPatient, Rejected, requireRole, type MutationContext } from '../context';
import { requireEncounter } from './clinical';

type RecordMutation = Extract<Mutation, { kind: 'emr.record.sign' | 'emr.record.amend' }>;

export async function storeSignedRecord(ctx: MutationContext, m: RecordMutation): Promise<Outcome> {
  requireRole(ctx.user, ['physician'], 'signing an outpatient record');
  const record = m.payload;
  const { document } = record;
  await verifySignature(ctx, record);
  await verifyResponse(ctx, document);

  await lockPatient(ctx, document.patientId, { grant: true });
  await requireEncounter(ctx, document.encounterId, document.patientId);
  const signedDocument = signedRecordJson(record);
  const [existing] = await ctx.tx.query<{ signed_document: string }>(`SELECT signed_document FROM emr_records WHERE id = $1`, [document.id]);
  if (existing) {
    if (sameDocument(existing.signed_document, document)) return { status: 'applied', seq: null };
    throw new Rejected('IMMUTABLE', 'a signed record with this id exists with other content; an amendment is a new version with its own id');
  }
  if (document.previousId !== null) await requirePrevious(ctx, document);

  await ctx.tx.query(
    `INSERT INTO emr_records (id, patient_id, encounter_id, template_url, template_version, version, previous_id, amend_reason, author_id,
       signed_at, digest, signed_document, device_id, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [document.id, document.patientId, document.encounterId, document.template.url, document.template.version, document.version, document.previousId,
      document.reason, ctx.user.id, document.signedAt, sm3(recordBytes(document)), signedDocument, ctx.deviceId, ctx.now],
  );
  // In the patient's scope, as a prescription is: every device of every user who sees the patient pulls it.
  return { status: 'applied', seq: await appendChanges(ctx.tx, 'emr_records', [document.id], ctx.meta) };
}

async function verifySignature(ctx: MutationContext, { document, signature }: SignedRecordPayload): Promise<void> {
  if (document.author.id !== ctx.user.id) {
    throw new Rejected('SIGNATURE_INVALID', 'the record is signed in the name of another physician than the account sending it');
  }
  const issued = signature.certificateId === null ? null : await findCertificate(ctx.tx, signature.certificateId);
  const problem = signedDocumentProblem(document, signature, ctx.user.id, issued ?? undefined, ctx.now);
  if (problem) throw new Rejected('SIGNATURE_INVALID', `the record's signature is not verified: ${problem}`);
}

async function verifyResponse(ctx: MutationContext, document: RecordDocument): Promise<void> {
  const { url, version } = document.template;
  const template = await templateVersion(ctx.tx, url, version);
  if (!template) throw new Rejected('RECORD_INVALID', `the server holds no template ${url} version ${version}`);
  const checked = checkRecord(template, answersOfResponse(document.response), 'en');
  if (checked.errors.length > 0) {
    throw new Rejected('RECORD_INVALID', `the record does not pass its template: ${checked.errors.slice(0, 5).map((e) => `${e.linkId} (${e.code})`).join(', ')}`);
  }
  const expected = questionnaireResponse(template, checked.answers, (linkId) => checked.enabled.has(linkId), {
    id: document.id,
    status: document.previousId === null ? 'completed' : 'amended',
    patientId: document.patientId,
    encounterId: document.encounterId,
    authorId: document.author.id,
    authored: document.signedAt,
  });
  if (canonicalJson(expected) !== canonicalJson(document.response)) {
    throw new Rejected('RECORD_INVALID', 'the response is not the one its answers make under its template (a calculated value, a hidden field or its references differ)');
  }
}

/** The version an amendment corrects must be on the server (it was pushed first), of the same patient, one version before. */
async function requirePrevious(ctx: MutationContext, document: RecordDocument): Promise<void> {
  const [previous] = await ctx.tx.query<{ patient_id: string; version: number }>(`SELECT patient_id, version FROM emr_records WHERE id = $1`, [document.previousId]);
  if (!previous) throw new Rejected('DEPENDENCY_MISSING', 'the version this amends is not on the server yet', true);
  if (previous.patient_id !== document.patientId || Number(previous.version) + 1 !== document.version) {
    throw new Rejected('INVALID', 'an amendment follows the version it corrects, of the same patient');
  }
}

/** A replay carries the same document; its signature may differ only by SM2's randomness if signed again. */
function sameDocument(stored: string, document: RecordDocument): boolean {
  return canonicalJson((JSON.parse(stored) as { document: unknown }).document) === canonicalJson(document);
}
