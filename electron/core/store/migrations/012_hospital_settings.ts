/**
 * Hospital settings as pulled from the server (issue 12; shared/sync/rows.ts `HospitalSettingRow`):
 * the face policy here applies on this workstation from the next contact on, and stays offline
 * (session/facePolicy.ts). A new synced table, so every cursor is forgotten and each user's scope
 * comes again from 0 (rows.ts, "Adding a table").
 */
export const sql = `
CREATE TABLE hospital_settings (
  id TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  feed_seq INTEGER
);
DELETE FROM sync_state WHERE key LIKE 'pull.%';
`;
