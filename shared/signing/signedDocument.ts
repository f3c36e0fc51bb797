/**
 * Whether a signed document stands (issue 8, item 11; DESIGN.md "Trust"): its signature over the
 * document, by the key the hospital CA certified for the signer, under a certificate standing at
 * `at`. Pure, so the hospital server and every workstation judge a document by the same function.
 */
import type { PrescriptionSignature } from '../sync/wire';
import { signerProblem, verifyCertificate, type IssuedCertificate, type SignerProblem } from './certificate';
import { verifyDocument } from './documentSignature';

export type SignatureProblem = SignerProblem | 'bad signature';

/**
 * `issued` is the certificate the signature names (looked up by `certificateId`), if known. A
 * certificate whose CA signature does not check, or that is not the one named, counts as absent:
 * the key is then unregistered.
 */
export function signedDocumentProblem(
  document: unknown,
  signature: PrescriptionSignature,
  signerUserId: string,
  issued: IssuedCertificate | undefined,
  at: Date,
): SignatureProblem | null {
  if (!verifyDocument(document, signature)) return 'bad signature';
  const genuine = issued && issued.certificate.serial === signature.certificateId && verifyCertificate(issued, issued.caPublicKey) ? issued : undefined;
  return signerProblem(genuine && { ...genuine.certificate, revokedAt: genuine.revokedAt }, { userId: signerUserId, publicKey: signature.publicKey }, at);
}
