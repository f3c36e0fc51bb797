import { IssuedCertificate, SigningCertificate } from '../../../shared/signing/certificate';
import type { ReadDb } from './database';

/**
 * The hospital CA's signer certificates as pulled (migration 011, a global feed table): what each
 * signed document shown here is judged against, offline too (signing/signatureCheck.ts).
 */
export function certificatesTable(db: ReadDb) {
  const bySerial = db.prepare<[string], { body: string; ca_signature: string; ca_public_key: string; revoked_at: string | null }>(
    `SELECT body, ca_signature, ca_public_key, revoked_at FROM signing_certificates WHERE id = ?`,
  );
  return {
    /** The certificate with this serial as the CA issued it, with its revocation; undefined when unknown or malformed. */
    issued(serial: string): IssuedCertificate | undefined {
      const row = bySerial.get(serial);
      if (!row) return undefined;
      const body = SigningCertificate.safeParse(JSON.parse(row.body));
      const revokedAt = row.revoked_at === null ? null : new Date(row.revoked_at).toISOString();
      const issued = body.success && IssuedCertificate.safeParse({ certificate: body.data, caSignature: row.ca_signature, caPublicKey: row.ca_public_key, revokedAt });
      return issued && issued.success ? issued.data : undefined;
    },
  };
}
export type CertificatesTable = ReturnType<typeof certificatesTable>;
