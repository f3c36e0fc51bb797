/**
 * A pharmacist's scope ends (issue 8, item 5): the patients the server says each pharmacist's
 * devices may keep (`keptPatients` in the pull answer, shared/sync/wire.ts), as last told, with its
 * digest in sync_state (`kept.<user>`). A cached patient outside it leaves that user's view, and the
 * cache unless another local user sees it or something unsent names it (sync/scopeEviction.ts).
 */
const keptPatients = `
CREATE TABLE kept_patients (
  user_id TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  PRIMARY KEY (user_id, patient_id)
) WITHOUT ROWID;
`;

/**
 * Signer certificates of the hospital CA (issue 8, item 11 step 4), pulled as a global table
 * (shared/sync/rows.ts, `CertificateRow`): every signed document shown here is judged against its
 * signer's registered certificate, offline too (signing/signatureCheck.ts). A new synced table, so
 * every cursor is forgotten and each user's scope comes again from 0 (rows.ts, "Adding a table").
 */
const certificates = `
CREATE TABLE signing_certificates (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  body TEXT NOT NULL,
  ca_signature TEXT NOT NULL,
  ca_public_key TEXT NOT NULL,
  revoked_at TEXT,
  feed_seq INTEGER
);
CREATE INDEX signing_certificates_by_user ON signing_certificates (user_id);
DELETE FROM sync_state WHERE key LIKE 'pull.%';
`;

export const sql = keptPatients + certificates;
