/**
 * The one signer (DESIGN.md "Trust"): every signature a user makes on this workstation goes
 * through here, with that user's SM2 key pair, over the canonical JSON of the document.
 *
 * The key pair is made on the user's first signature and kept in the encrypted store. The seam
 * for the hospital CA (future work): the CA will certify `publicKey`, and `certificateId` (null
 * until then) will name that certificate in every signature, so a verifier can tie the key to the
 * prescriber's licence instead of trusting the workstation that sent it.
 */
import type { PrescriptionSignature } from '../../../shared/sync/wire';
import { signatureAlgorithm, signedBytes } from '../../../shared/signing/documentSignature';
import type { Db } from '../store/database';
import { defaultSm2UserId, generateSm2KeyPair, sm2Sign, type Sm2KeyPair } from './sm2';

// Verification lives in shared/ so the hospital server runs the same code; re-exported for callers here.
export { signatureAlgorithm, signedBytes, verifyDocument } from '../../../shared/signing/documentSignature';

export type DocumentSignature = PrescriptionSignature;

export function createSigner(db: Db, now: () => number = Date.now) {
  const byUser = db.prepare<[string], { public_key: string; private_key: string; certificate_id: string | null }>(
    `SELECT public_key, private_key, certificate_id FROM signing_keys WHERE user_id = ?`,
  );
  const insert = db.prepare(
    `INSERT OR IGNORE INTO signing_keys (user_id, algorithm, public_key, private_key, certificate_id, created_at)
     VALUES (@userId, '${signatureAlgorithm}', @publicKey, @privateKey, NULL, @createdAt)`,
  );

  function keyOf(userId: string): Sm2KeyPair & { certificateId: string | null } {
    let row = byUser.get(userId);
    if (!row) {
      const pair = generateSm2KeyPair();
      insert.run({ userId, ...pair, createdAt: new Date(now()).toISOString() });
      row = byUser.get(userId)!;
    }
    return { privateKey: row.private_key, publicKey: row.public_key, certificateId: row.certificate_id };
  }

  return {
    /** The user's public key, making the pair if needed (so a draft can show who will sign). */
    publicKeyOf: (userId: string): string => keyOf(userId).publicKey,
    sign(userId: string, document: unknown): DocumentSignature {
      const key = keyOf(userId);
      return {
        algorithm: signatureAlgorithm,
        signerUid: defaultSm2UserId,
        publicKey: key.publicKey,
        certificateId: key.certificateId,
        value: sm2Sign(signedBytes(document), key, defaultSm2UserId),
      };
    },
  };
}
export type Signer = ReturnType<typeof createSigner>;
