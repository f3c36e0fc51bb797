import type { PrescriptionSignature } from '../../shared/sync/wire';
import { verifyDocument } from '../../shared/signing/documentSignature';
import type { AccountRecord } from '../auth/accounts';
import type { Queryable } from '../db/types';
import { HttpError } from '../http/errors';
import { registeredSignerProblem } from '../signing/certificates';

/**
 * A review decision must be the reviewer's own signed act: the document names the caller, its SM2
 * signature verifies over exactly that document, and the key is the caller's registered, unrevoked
 * key (the same registry check as a prescription at push: signing/certificates.ts).
 */
export async function verifyReviewerSignature(tx: Queryable, user: AccountRecord, document: { reviewer: { id: string } }, signature: PrescriptionSignature, now: Date): Promise<void> {
  if (document.reviewer.id !== user.id) throw new HttpError(403, 'FORBIDDEN', 'a decision is signed in the name of the account sending it');
  if (!verifyDocument(document, signature)) {
    throw new HttpError(400, 'BAD_SIGNATURE', 'the SM2 signature does not verify over the decision as sent');
  }
  const problem = await registeredSignerProblem(tx, user.id, signature, now);
  if (problem) throw new HttpError(400, 'BAD_SIGNATURE', `signature not verified: ${problem}`);
}
