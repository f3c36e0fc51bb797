/**
 * The chart (issue 11).
 *
 * Search keys: the medical record number (a new synced patient column), the last four digits of
 * the phone and the masked ID number, each on an index so a search walks it in order and stops at
 * its limit (store/patients.ts, EXPLAIN QUERY PLAN test). The phone's tail is an expression index,
 * not a second copy of the number. Everything stays in this encrypted store.
 *
 * The problem list: a diagnosis gains a status with its author and reason (shared/sync/chartWire.ts).
 *
 * The timeline pages a patient's encounters newest first on (patient_id, date, id); today's
 * patients come from encounters by date; recently opened ones from `recent_patients`, a per-user
 * local list that never syncs.
 *
 * New synced columns, so every cursor is forgotten and each user's scope comes again from 0
 * (shared/sync/rows.ts, "Adding a table").
 */
export const sql = `
ALTER TABLE patients ADD COLUMN record_number TEXT NOT NULL DEFAULT '';
CREATE INDEX patients_by_record_number ON patients (record_number);
CREATE INDEX patients_by_phone_last4 ON patients (substr(phone, -4));
CREATE INDEX patients_by_id_number ON patients (id_number_masked);

ALTER TABLE diagnoses ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
  CHECK (status IN ('active', 'remission', 'resolved', 'refuted'));
ALTER TABLE diagnoses ADD COLUMN status_changed_by TEXT;
ALTER TABLE diagnoses ADD COLUMN status_reason TEXT;

CREATE INDEX encounters_by_patient_newest ON encounters (patient_id, date, id);
CREATE INDEX encounters_by_date ON encounters (date);

CREATE TABLE recent_patients (
  user_id TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, patient_id)
) WITHOUT ROWID;
CREATE INDEX recent_patients_by_user ON recent_patients (user_id, opened_at);

DELETE FROM sync_state WHERE key LIKE 'pull.%';
`;
