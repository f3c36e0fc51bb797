/**
 * The signed prescription document on arrival (issue 4, DESIGN.md "Trust"): the server checks the
 * prescriber's SM2 signature with the same code the workstation uses (shared/signing), before
 * anything is written, and keeps the document whole so it can be verified again at any time.
 */
import { canonicalJson } from '../../../shared/domain/canonical';
import { withoutSignature, type SubmitPayload } from '../../../shared/rx/document';
import { verifyDocument } from '../../../shared/signing/documentSignature';
import type { PrescriptionSignature } from '../../../shared/sync/wire';
import type { SqlValue } from '../../db/types';
import { registeredSignerProblem } from '../../signing/certificates';
import { Rejected, type MutationContext } from '../context';

export interface VerifiedPrescription {
  signature: PrescriptionSignature;
  prescriber: NonNullable<SubmitPayload['prescriber']>;
  signedAt: string;
  /** The payload as received, signature included, in canonical JSON (stored as `signed_payload`). */
  canonicalPayload: string;
}

/**
 * Refuses (INVALID, not retryable: resending the same bytes cannot fix it) a prescription that is
 * unsigned, signed by someone other than the account sending it, whose signature does not
 * verify over its canonical document, or whose key is not the sender's registered, unrevoked key
 * (issue 8, item 11: `certificateId` names the hospital CA's certificate for that key; a key merely
 * carried in the payload proves nothing about who signed). An unsigned prescription never reaches review: the
 * prescriber's signature is what makes it a prescription (《处方管理办法》第十八条 makes it valid
 * only once the prescriber has signed it).
 */
export async function verifySignedPrescription(ctx: MutationContext, payload: SubmitPayload): Promise<VerifiedPrescription> {
  const { signature, prescriber, signedAt } = payload;
  if (!signature || !prescriber || !signedAt) {
    throw new Rejected('INVALID', 'a prescription must carry its prescriber, signing time and SM2 signature');
  }
  if (prescriber.id !== ctx.user.id) {
    throw new Rejected('INVALID', 'the prescription is signed in the name of another prescriber than the account sending it');
  }
  if (!verifyDocument(withoutSignature(payload), signature)) {
    throw new Rejected('INVALID', 'the SM2 signature does not verify over the prescription as sent: it was altered after signing or signed with another key');
  }
  const problem = await registeredSignerProblem(ctx.tx, ctx.user.id, signature, ctx.now);
  if (problem) throw new Rejected('INVALID', `signature not verified: ${problem}`);
  return { signature, prescriber, signedAt, canonicalPayload: canonicalJson(payload) };
}

/** Column values of the signed document for the INSERT in submitPrescription. */
export function signedColumns(payload: SubmitPayload, verified: VerifiedPrescription, now: Date): SqlValue[] {
  return [
    payload.validityDays ?? 1,
    payload.validityDays !== undefined && payload.validityDays > 1 ? (payload.validityReason ?? null) : null,
    verified.signedAt,
    verified.prescriber.id,
    verified.prescriber.licenceNo,
    JSON.stringify(payload.overrides ?? []),
    verified.canonicalPayload,
    verified.signature.algorithm,
    verified.signature.signerUid,
    verified.signature.publicKey,
    verified.signature.certificateId,
    verified.signature.value,
    now.toISOString(),
  ];
}
export const signedColumnNames = [
  'validity_days', 'validity_reason', 'signed_at', 'prescriber_id', 'prescriber_licence_no', 'overrides', 'signed_payload',
  'signature_algorithm', 'signer_uid', 'signature_public_key', 'signature_certificate_id', 'signature_value', 'signature_verified_at',
] as const;

/** Same id resent: the same signed document (whatever the signature's randomness) is a replay, anything else is refused. */
export function sameSignedDocument(storedPayload: string | null, stored: { items: unknown; previous_id: unknown; patient_id: unknown; encounter_id: unknown; issued_on: unknown }, payload: SubmitPayload): boolean {
  if (storedPayload !== null) {
    const { signature: _, ...storedDocument } = JSON.parse(storedPayload) as Record<string, unknown>;
    return canonicalJson(storedDocument) === canonicalJson(withoutSignature(payload));
  }
  return canonicalJson(stored) === canonicalJson({ patient_id: payload.patientId, encounter_id: payload.encounterId, issued_on: payload.issuedOn, items: payload.items, previous_id: payload.previousId });
}
