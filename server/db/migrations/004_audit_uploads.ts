/**
 * Audit uploads (DESIGN.md "Trust"): each device's copy of its workstation's hash-chained audit
 * log, verified entry by entry on arrival (shared/audit/chain.ts, server/audit/upload.ts). Rows are
 * only ever inserted: a held entry is never changed, and a replay must match it exactly.
 */
export const sql = `
CREATE TABLE audit_entries (
  device_id text NOT NULL REFERENCES devices (id),      -- the server's id of the uploading device
  seq integer NOT NULL CHECK (seq >= 1),
  at text NOT NULL,                                     -- the workstation's clock, as hashed
  user_id text NOT NULL,
  session_id text,                                      -- null for the device's own work (sync)
  installation_id text NOT NULL,                        -- the entry's deviceId: the workstation's own id
  action text NOT NULL,
  subject text NOT NULL,
  detail text NOT NULL,                                 -- canonical JSON, as hashed
  prev_hash text NOT NULL,
  hash text NOT NULL,
  received_at timestamptz NOT NULL,
  received_from text NOT NULL REFERENCES users (id),   -- whose token carried the upload
  PRIMARY KEY (device_id, seq)
);
-- Every held chain starts at seq 1, so this finds the devices holding an installation's chain
-- with one row per device (server/audit/upload.ts binds an installation to one live device).
CREATE INDEX audit_chains_by_installation ON audit_entries (installation_id) WHERE seq = 1;
`;
