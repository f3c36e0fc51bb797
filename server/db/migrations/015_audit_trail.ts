/**
 * The audit trail (issue 12): every subject an uploaded entry names, indexed for the admin's
 * query ("who opened this chart"), the indexes of the other filters, and the retention mark. An
 * entry's content (user, subject, detail) may be purged past its category's retention
 * (shared/audit/retention.ts; process records only), its seq and hashes never: the chain still
 * verifies link by link (server/audit/heldChain.ts).
 */
export const sql = `
CREATE TABLE audit_subjects (
  device_id text NOT NULL,
  seq integer NOT NULL,
  subject text NOT NULL,                                -- shared/audit/subjects.ts: kind:id
  PRIMARY KEY (device_id, seq, subject),
  FOREIGN KEY (device_id, seq) REFERENCES audit_entries (device_id, seq)
);
CREATE INDEX audit_subjects_by_subject ON audit_subjects (subject);
CREATE INDEX audit_entries_by_at ON audit_entries (at);
CREATE INDEX audit_entries_by_user ON audit_entries (user_id, at);
CREATE INDEX audit_entries_by_action ON audit_entries (action, at);
ALTER TABLE audit_entries ADD COLUMN purged_at timestamptz;   -- content removed past retention
-- Entries held before: their own subject, where it is already in the one format.
INSERT INTO audit_subjects (device_id, seq, subject)
  SELECT device_id, seq, subject FROM audit_entries
   WHERE subject ~ '^(patient|prescription|record|encounter|review|user|device|session|setting|search|export):[^[:space:]:]{1,160}$';
`;
