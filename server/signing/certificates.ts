/**
 * The signer registry (issue 8, item 11; DESIGN.md "Trust"): the hospital CA certifies each user's
 * SM2 signing key once its holder proves possession, and every signed document (a prescription at
 * push, a review decision) is judged against that certificate, never against the key it carries.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { certificateBytes, keyRegistrationMessage, signerProblem, type IssuedCertificate, type RegisterSigningKeyRequest, type SignerProblem, type SigningCertificate } from '../../shared/signing/certificate';
import { sm2SignWith, sm2Verify } from '../../shared/signing/sm2';
import type { PrescriptionSignature } from '../../shared/sync/wire';
import type { AccountRecord } from '../auth/accounts';
import type { Queryable } from '../db/types';
import { appendChanges, serverMeta } from '../feed/append';
import { HttpError } from '../http/errors';
import type { HospitalCa } from './ca';

/** How long a certificate stands; a new one is issued at the next online sign-in after that. */
export const certificateValidityMs = 2 * 365 * 24 * 3600 * 1000;

const random = (bytes: number): string => randomBytes(bytes).toString('hex');

interface CertificateRow {
  body: string;
  caSignature: string;
  caPublicKey: string;
  revokedAt: Date | null;
}
const columns = `body, ca_signature AS "caSignature", ca_public_key AS "caPublicKey", revoked_at AS "revokedAt"`;

const issuedView = (row: CertificateRow): IssuedCertificate => ({
  certificate: JSON.parse(row.body) as SigningCertificate,
  caSignature: row.caSignature,
  caPublicKey: row.caPublicKey,
  revokedAt: row.revokedAt === null ? null : new Date(row.revokedAt).toISOString(),
});

/**
 * Registers `user`'s key, proven by an SM2 signature with it over the fixed message naming user,
 * device and key, and answers its certificate (the live one if that key is registered already).
 * A key whose certificate an admin revoked, or another account's key, is never certified again.
 */
export async function registerSigningKey(tx: Queryable, user: AccountRecord, deviceId: string, request: RegisterSigningKeyRequest, now: Date, hospitalCa: HospitalCa): Promise<IssuedCertificate> {
  if (!sm2Verify(keyRegistrationMessage(user.id, deviceId, request.publicKey), request.proof, request.publicKey)) {
    throw new HttpError(400, 'BAD_SIGNATURE', 'the proof is not a signature with this key over the registration message for this user and device');
  }
  const others = await tx.query<{ userId: string; revocationReason: string | null }>(
    `SELECT user_id AS "userId", revocation_reason AS "revocationReason" FROM signing_certificates WHERE public_key = $1 AND (user_id <> $2 OR revocation_reason = 'admin')`,
    [request.publicKey, user.id],
  );
  if (others.length > 0) throw new HttpError(409, 'CONFLICT', 'this signing key was revoked or belongs to another account: make a new key');
  const ca = await hospitalCa(tx, now);
  const certificate: SigningCertificate = {
    serial: randomUUID(), userId: user.id, account: user.account, licenceNo: user.licenceNo, publicKey: request.publicKey,
    notBefore: now.toISOString(), notAfter: new Date(now.getTime() + certificateValidityMs).toISOString(),
  };
  const caSignature = sm2SignWith(random, certificateBytes(certificate), ca);
  const inserted = await tx.query<{ serial: string }>(
    `INSERT INTO signing_certificates (serial, user_id, public_key, body, ca_signature, ca_public_key, not_before, not_after, device_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (user_id, public_key) WHERE revoked_at IS NULL DO NOTHING RETURNING serial`,
    [certificate.serial, user.id, request.publicKey, JSON.stringify(certificate), caSignature, ca.publicKey, certificate.notBefore, certificate.notAfter, deviceId],
  );
  const [live] = await tx.query<CertificateRow>(`SELECT ${columns} FROM signing_certificates WHERE user_id = $1 AND public_key = $2 AND revoked_at IS NULL`, [user.id, request.publicKey]);
  if (!live) throw new Error('the certificate just issued is missing');
  // Every workstation judges signatures against it, offline too (issue 8, item 11 step 4).
  if (inserted.length > 0) await appendChanges(tx, 'signing_certificates', [certificate.serial], serverMeta);
  return issuedView(live);
}

export async function findCertificate(q: Queryable, serial: string): Promise<IssuedCertificate | null> {
  const [row] = await q.query<CertificateRow>(`SELECT ${columns} FROM signing_certificates WHERE serial = $1`, [serial]);
  return row ? issuedView(row) : null;
}

/**
 * The one registry check for every signed document the server accepts (signedPrescription.ts,
 * review/signature.ts): the signature names a certificate of `userId` for exactly its key, not
 * revoked, valid now. The signature itself is verified by the caller over its document.
 */
export async function registeredSignerProblem(q: Queryable, userId: string, signature: PrescriptionSignature, now: Date): Promise<SignerProblem | null> {
  const issued = signature.certificateId === null ? null : await findCertificate(q, signature.certificateId);
  const certificate = issued ? { ...issued.certificate, revokedAt: issued.revokedAt } : undefined;
  return signerProblem(certificate, { userId, publicKey: signature.publicKey }, now);
}

/** An admin revokes one certificate (a lost or compromised key): its key is never certified again. */
export async function revokeCertificate(tx: Queryable, serial: string, by: string, now: Date): Promise<IssuedCertificate> {
  const changed = await tx.query<{ serial: string }>(
    `UPDATE signing_certificates SET revoked_at = $2, revoked_by = $3, revocation_reason = 'admin' WHERE serial = $1 AND revoked_at IS NULL RETURNING serial`,
    [serial, now, by],
  );
  const revoked = await findCertificate(tx, serial);
  if (!revoked) throw new HttpError(404, 'NOT_FOUND', 'no such certificate');
  // The revocation reaches every workstation, the key holder's own among them (it stops signing).
  if (changed.length > 0) await appendChanges(tx, 'signing_certificates', [serial], serverMeta);
  return revoked;
}

/** A suspended account signs nothing: every live certificate of it is revoked with the suspension. */
export async function revokeCertificatesOf(tx: Queryable, userId: string): Promise<void> {
  const revoked = await tx.query<{ serial: string }>(
    `UPDATE signing_certificates SET revoked_at = now(), revocation_reason = 'suspended' WHERE user_id = $1 AND revoked_at IS NULL RETURNING serial`,
    [userId],
  );
  if (revoked.length > 0) await appendChanges(tx, 'signing_certificates', revoked.map((r) => r.serial), serverMeta);
}
