/**
 * The chart (issue 11): the medical record number (病案号) on the patient, and the problem list's
 * status on a diagnosis with who last changed it and why (shared/sync/chartWire.ts). A diagnosis is
 * never deleted; resolving or refuting one is a status change.
 */
export const sql = `
ALTER TABLE patients ADD COLUMN record_number text NOT NULL DEFAULT '';
ALTER TABLE diagnoses ADD COLUMN status text NOT NULL DEFAULT 'active'
  CHECK (status IN ('active', 'remission', 'resolved', 'refuted'));
ALTER TABLE diagnoses ADD COLUMN status_changed_by text REFERENCES users (id);
ALTER TABLE diagnoses ADD COLUMN status_reason text;
`;
