/**
 * Which patients each user's server scope delivered to this device. The cache is shared by the
 * users of a workstation, but a user reads only what the server would show them: a cardiologist
 * signing in after an endocrinologist on the same PC does not see the endocrinology patients.
 */
export const sql = `
CREATE TABLE patient_scope (
  user_id TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  PRIMARY KEY (user_id, patient_id)
) WITHOUT ROWID;

-- A cache filled before this table existed has no scope rows: forget the pull positions so the
-- next sync fetches each user's scope again from the start (upserts make the re-sent rows harmless).
DELETE FROM sync_state WHERE key LIKE 'pull.%';
`;
