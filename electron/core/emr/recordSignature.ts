import type { SignatureCheck } from '../../../shared/ipc/rxChannels';
import { signedDocumentProblem, type SignatureProblem } from '../../../shared/signing/signedDocument';
import type { CertificatesTable } from '../store/certificates';
import type { SignedRecord } from '../store/emrRecords';

const reasonOf: Record<SignatureProblem, Exclude<SignatureCheck, { verified: true }>['reason']> = {
  'unregistered key': 'unregistered-key',
  'revoked certificate': 'revoked',
  'expired certificate': 'expired',
  'bad signature': 'bad-signature',
};

/**
 * A signed record judged as prescriptions are (signing/signatureCheck.ts): its signature over the
 * document, by the key the hospital CA certified for its author, standing when it was signed.
 */
export function recordSignatureCheck(record: SignedRecord, certificates: CertificatesTable): SignatureCheck {
  const { document, signature } = record;
  const issued = signature.certificateId === null ? undefined : certificates.issued(signature.certificateId);
  const problem = signedDocumentProblem(document, signature, document.author.id, issued, new Date(document.signedAt));
  if (problem || !issued) return { verified: false, reason: problem ? reasonOf[problem] : 'unregistered-key' };
  return { verified: true, signer: issued.certificate.account, licenceNo: issued.certificate.licenceNo, serial: issued.certificate.serial };
}
