/**
 * Review decisions reach devices through the change feed (issue 10): the prescriber's and the
 * pharmacists', by the same audience rules as the prescription row, which need the patient on the
 * row (server/feed/projection.ts `patientIdSql`, server/feed/backfill.ts). Columns are only added
 * (review_decisions is a synced table from here on; STYLE.md).
 */
export const sql = `
ALTER TABLE review_decisions ADD COLUMN patient_id text REFERENCES patients (id);
UPDATE review_decisions d SET patient_id = p.patient_id FROM prescriptions p WHERE p.id = d.prescription_id;
ALTER TABLE review_decisions ALTER COLUMN patient_id SET NOT NULL;
CREATE INDEX review_decisions_by_patient ON review_decisions (patient_id);
`;
