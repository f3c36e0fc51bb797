import type { PrescriptionSignature } from '../../shared/sync/wire';
import { verifyDocument } from '../../shared/signing/documentSignature';
import type { AccountRecord } from '../auth/accounts';
import { HttpError } from '../http/errors';

/**
 * A review decision must be the reviewer's own signed act: the document names the caller, and
 * its SM2 signature verifies over exactly that document. (Binding the key to the account through
 * the hospital CA's certificate is the signer registry's job; this is the one place review asks.)
 */
export function verifyReviewerSignature(user: AccountRecord, document: { reviewer: { id: string } }, signature: PrescriptionSignature): void {
  if (document.reviewer.id !== user.id) throw new HttpError(403, 'FORBIDDEN', 'a decision is signed in the name of the account sending it');
  if (!verifyDocument(document, signature)) {
    throw new HttpError(400, 'BAD_SIGNATURE', 'the SM2 signature does not verify over the decision as sent');
  }
}
