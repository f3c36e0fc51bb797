/**
 * The one signer (DESIGN.md "Trust"): every signature a user makes on this workstation goes
 * through here, with that user's SM2 key pair, over the canonical JSON of the document.
 *
 * The key pair is made on first need and kept in the encrypted store. At an online sign-in the key
 * is registered with the hospital CA (`certify`, issue 8, item 11), and every signature names the
 * certificate (`certificateId`), so a verifier ties the key to the prescriber's account and licence
 * instead of trusting the workstation that sent it. On a workstation connected to a server, a key
 * without a certificate does not sign: the server would refuse the document as unregistered.
 */
import { AppFailure } from '../../../shared/result';
import { IssuedCertificate, keyRegistrationMessage } from '../../../shared/signing/certificate';
import type { PrescriptionSignature } from '../../../shared/sync/wire';
import { signatureAlgorithm, signedBytes } from '../../../shared/signing/documentSignature';
import type { Db } from '../store/database';
import { defaultSm2UserId, generateSm2KeyPair, sm2Sign, type Sm2KeyPair } from './sm2';

// Verification lives in shared/ so the hospital server runs the same code; re-exported for callers here.
export { signatureAlgorithm, signedBytes, verifyDocument } from '../../../shared/signing/documentSignature';

export type DocumentSignature = PrescriptionSignature;

/** Sends a key and its proof of possession (made for the server's device id) to the hospital CA. */
export type RegisterKey = (publicKey: string, prove: (serverDeviceId: string) => string) => Promise<IssuedCertificate>;

export function createSigner(db: Db, now: () => number = Date.now, options: { requireCertificate: boolean } = { requireCertificate: false }) {
  const byUser = db.prepare<[string], { public_key: string; private_key: string; certificate_id: string | null; certificate: string | null }>(
    `SELECT public_key, private_key, certificate_id, certificate FROM signing_keys WHERE user_id = ?`,
  );
  const insert = db.prepare(
    `INSERT OR IGNORE INTO signing_keys (user_id, algorithm, public_key, private_key, certificate_id, created_at)
     VALUES (@userId, '${signatureAlgorithm}', @publicKey, @privateKey, NULL, @createdAt)`,
  );
  const setCertificate = db.prepare(`UPDATE signing_keys SET certificate_id = ?, certificate = ? WHERE user_id = ? AND public_key = ?`);
  // The revocation arrives with the feed (signing_certificates, a global table: issue 8, item 11 step 4).
  const revoked = db.prepare<[string], { one: number }>(`SELECT 1 AS one FROM signing_certificates WHERE id = ? AND revoked_at IS NOT NULL`);
  const dropKey = db.prepare<[string, string]>(`DELETE FROM signing_keys WHERE user_id = ? AND public_key = ?`);

  function keyOf(userId: string): Sm2KeyPair & { certificateId: string | null; certificate: string | null } {
    let row = byUser.get(userId);
    if (!row) {
      const pair = generateSm2KeyPair();
      insert.run({ userId, ...pair, createdAt: new Date(now()).toISOString() });
      row = byUser.get(userId)!;
    }
    return { privateKey: row.private_key, publicKey: row.public_key, certificateId: row.certificate_id, certificate: row.certificate };
  }

  /** The certificate's validity ended (2 years, server/signing/certificates.ts): the server refuses what it signs. */
  function expired(certificate: string | null): boolean {
    if (certificate === null) return false;
    return Date.parse(IssuedCertificate.parse(JSON.parse(certificate)).certificate.notAfter) <= now();
  }

  return {
    /** The user's public key, making the pair if needed (so a draft can show who will sign). */
    publicKeyOf: (userId: string): string => keyOf(userId).publicKey,
    /**
     * Registers the user's key with the hospital CA unless it is certified already and the
     * certificate is neither revoked nor expired (once per user and key), proving possession with a signature over the message naming user, device and key.
     */
    async certify(userId: string, register: RegisterKey): Promise<void> {
      let key = keyOf(userId);
      if (key.certificateId !== null && !revoked.get(key.certificateId) && !expired(key.certificate)) return;
      if (key.certificateId !== null) {
        // Key replacement: the hospital never certifies a revoked key again, so a new pair is made;
        // an expired certificate is renewed the same way (issue 8, item 5), a fresh key for a fresh
        // certificate, as key rotation at renewal does. The old private key goes; its public key stays
        // in its certificate, so the signatures made with it before the revocation or the expiry are
        // still verified against it (signing/signatureCheck.ts).
        dropKey.run(userId, key.publicKey);
        key = keyOf(userId);
      }
      const issued = await register(key.publicKey, (serverDeviceId) => sm2Sign(keyRegistrationMessage(userId, serverDeviceId, key.publicKey), key, defaultSm2UserId));
      if (issued.certificate.userId !== userId || issued.certificate.publicKey !== key.publicKey) {
        throw new Error('the hospital certified another key or account than the one registered');
      }
      setCertificate.run(issued.certificate.serial, JSON.stringify(issued), userId, key.publicKey);
    },
    sign(userId: string, document: unknown): DocumentSignature {
      const key = keyOf(userId);
      if (options.requireCertificate && key.certificateId === null) {
        throw new AppFailure('SIGNING_KEY_NOT_CERTIFIED', 'Your signing key is not registered with the hospital yet. Sign in once while online, then sign again.');
      }
      if (key.certificateId !== null && revoked.get(key.certificateId)) {
        throw new AppFailure('SIGNING_KEY_REVOKED', 'Your signing key was revoked by the hospital. Sign in once while online to register a new key, then sign again.');
      }
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
