import type { SignatureCheck } from '../../../shared/ipc/rxChannels';
import { withoutSignature } from '../../../shared/rx/document';
import { signedDocumentProblem, type SignatureProblem } from '../../../shared/signing/signedDocument';
import { mutationPayloads } from '../../../shared/sync/wire';
import type { IssuedCertificate } from '../../../shared/signing/certificate';
import type { CertificatesTable } from '../store/certificates';

const reasonOf: Record<SignatureProblem, Exclude<SignatureCheck, { verified: true }>['reason']> = {
  'unregistered key': 'unregistered-key',
  'revoked certificate': 'revoked',
  'expired certificate': 'expired',
  'bad signature': 'bad-signature',
};

/**
 * Judges a signed prescription as shown on this workstation (issue 8, item 11 step 4) against the
 * signer's registered certificate, with the same function the server applies at push
 * (shared/signing/signedDocument.ts), at the document's signing time: a signature made before its
 * key was revoked or replaced stays verified. Null for history without a signed document.
 * Certificates come from the feed (pulled from the server this workstation trusts, pinned where
 * configured), so this works offline with the cached ones.
 */
export function prescriptionSignatureCheck(signedPayload: unknown, authorId: string | null, certificates: CertificatesTable): SignatureCheck | null {
  if (signedPayload === null) return null;
  const parsed = mutationPayloads['prescription.submit'].safeParse(signedPayload);
  if (!parsed.success || !parsed.data.signature) return { verified: false, reason: 'bad-signature' };
  const payload = parsed.data;
  const signature = payload.signature!;
  const signer = authorId ?? payload.prescriber?.id ?? '';
  const issued = signature.certificateId === null ? undefined : certificates.issued(signature.certificateId);
  const at = new Date(payload.signedAt ?? 0);
  return verdictOf(signedDocumentProblem(withoutSignature(payload), signature, signer, issued, at), issued);
}

/** The verdict shown for a signed document of any kind, from shared/signing/signedDocument.ts's finding. */
export function verdictOf(problem: SignatureProblem | null, issued: IssuedCertificate | undefined): SignatureCheck {
  if (problem || !issued) return { verified: false, reason: problem ? reasonOf[problem] : 'unregistered-key' };
  return { verified: true, signer: issued.certificate.account, licenceNo: issued.certificate.licenceNo, serial: issued.certificate.serial };
}
