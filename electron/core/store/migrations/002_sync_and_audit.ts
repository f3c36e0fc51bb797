/**
 * Sync and audit: the columns the hospital server's rows carry (shared/sync/rows.ts), the conflict
 * rows it sends, the outbox of local changes, the sync cursors, and the hash-chained audit log.
 * Synced tables only grow: columns are added, never dropped or renamed.
 */
export const sql = `
ALTER TABLE patients ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE encounters ADD COLUMN author_id TEXT;
ALTER TABLE diagnoses ADD COLUMN author_id TEXT;
ALTER TABLE allergies ADD COLUMN recorded_by TEXT;
ALTER TABLE allergies ADD COLUMN status_changed_by TEXT;
ALTER TABLE allergies ADD COLUMN status_reason TEXT;
ALTER TABLE prescriptions ADD COLUMN previous_id TEXT;
ALTER TABLE prescriptions ADD COLUMN author_id TEXT;

CREATE TABLE conflicts (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  field TEXT,
  server_value TEXT,
  client_value TEXT,
  base_version INTEGER,
  server_version INTEGER,
  author_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX conflicts_by_patient ON conflicts (patient_id, status);

-- Local changes waiting for the server, in the order they were made. A row leaves only when the
-- server has answered for it; 'held' rows need a person, 'quarantined' ones belong to a revoked
-- device and wait for an admin to release or export them.
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  mutation_id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  base_version INTEGER,
  client_time TEXT NOT NULL,
  user_id TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'held', 'quarantined')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);
CREATE INDEX outbox_by_state ON outbox (state, seq);

CREATE TABLE sync_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Append-only: each entry hashes the one before it, so a removed or edited entry breaks the chain.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_id TEXT NOT NULL,
  session_id TEXT,                  -- null for the device's own work (sync)
  device_id TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;
