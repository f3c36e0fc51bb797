/**
 * A pharmacist's scope (issue 8, item 5): the prescriptions waiting for review plus those the
 * pharmacist reviewed within the hospital's window (server/feed/reviewScope.ts). Waiting ones
 * have their index already (009, prescriptions_in_queue); this one finds a reviewer's recent
 * decisions at each pull without reading every prescription the hospital ever reviewed.
 *
 * Certificates reach the workstations (issue 8, item 11 step 4): `signing_certificates` becomes a
 * global feed table (shared/sync/rows.ts, `CertificateRow`). Feed rows are found by `id`, so the
 * serial gets that name too; the certificates issued before this are put in the feed here, once,
 * numbered from the counter as appendChanges does (feed/append.ts), so a workstation can judge the
 * signatures made with them.
 */
export const sql = `
CREATE INDEX prescriptions_by_reviewer ON prescriptions (reviewed_by, reviewed_at) WHERE reviewed_by IS NOT NULL;

ALTER TABLE signing_certificates ADD COLUMN id text GENERATED ALWAYS AS (serial) STORED;
CREATE UNIQUE INDEX signing_certificates_by_id ON signing_certificates (id);

INSERT INTO changes (seq, table_name, row_id, row, patient_id, review)
SELECT counter.last_seq + row_number() OVER (ORDER BY s.serial), 'signing_certificates', s.serial,
       jsonb_build_object('id', s.serial, 'user_id', s.user_id, 'body', s.body, 'ca_signature', s.ca_signature,
                          'ca_public_key', s.ca_public_key, 'revoked_at', s.revoked_at),
       NULL, false
  FROM signing_certificates s, change_counter counter;
UPDATE change_counter SET last_seq = last_seq + (SELECT count(*) FROM signing_certificates);
`;
