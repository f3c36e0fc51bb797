import type { SignatureCheck } from '../../../shared/ipc/rxChannels';
import type { IssuedCertificate } from '../../../shared/signing/certificate';
import { signedDocumentProblem, type SignatureProblem } from '../../../shared/signing/signedDocument';
import type { CertificatesTable } from '../store/certificates';
import type { SignedRecord } from '../store/emrRecords';

const reasonOf: Record<SignatureProblem, Exclude<SignatureCheck, { verified: true }>['reason']> = {
  'unregistered key': 'unregistered-key',
  'revoked certificate': 'revoked',
  'expired certificate': 'expired',
  'bad signature': 'bad-signature',
};

/** Verdicts kept: a chart's records are judged again at every open, and SM2 verification is the cost of it. */
const rememberedVerdicts = 2_000;

/**
 * Judges a signed record as prescriptions are judged (signing/signatureCheck.ts): its signature
 * over the document, by the key the hospital CA certified for its author, standing when it was
 * signed. The judgement is a pure function of the document, the signature and the certificate as
 * stored now (with its revocation), so a verdict is remembered under exactly those inputs: a
 * revocation or a newly arrived certificate changes the key and the record is judged afresh.
 */
export function recordSignatureChecks(certificates: CertificatesTable): (record: SignedRecord) => SignatureCheck {
  const verdicts = new Map<string, SignatureCheck>();
  return (record) => {
    const { document, signature } = record;
    const issued = signature.certificateId === null ? undefined : certificates.issued(signature.certificateId);
    const key = JSON.stringify([document, signature, issued ?? null]);
    const known = verdicts.get(key);
    if (known) return known;
    const verdict = judge(record, issued);
    if (verdicts.size >= rememberedVerdicts) verdicts.delete(verdicts.keys().next().value!);
    verdicts.set(key, verdict);
    return verdict;
  };
}

function judge({ document, signature }: SignedRecord, issued: IssuedCertificate | undefined): SignatureCheck {
  const problem = signedDocumentProblem(document, signature, document.author.id, issued, new Date(document.signedAt));
  if (problem || !issued) return { verified: false, reason: problem ? reasonOf[problem] : 'unregistered-key' };
  return { verified: true, signer: issued.certificate.account, licenceNo: issued.certificate.licenceNo, serial: issued.certificate.serial };
}
