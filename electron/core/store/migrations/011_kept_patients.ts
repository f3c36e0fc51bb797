/**
 * A pharmacist's scope ends (issue 8, item 5): the patients the server says each pharmacist's
 * devices may keep (`keptPatients` in the pull answer, shared/sync/wire.ts), as last told, with its
 * digest in sync_state (`kept.<user>`). A cached patient outside it leaves that user's view, and the
 * cache unless another local user sees it or something unsent names it (sync/scopeEviction.ts).
 */
export const sql = `
CREATE TABLE kept_patients (
  user_id TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  PRIMARY KEY (user_id, patient_id)
) WITHOUT ROWID;
`;
