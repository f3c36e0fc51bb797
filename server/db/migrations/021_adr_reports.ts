/**
 * Adverse drug reaction reports (issue 13, shared/sync/adrWire.ts): one row per report as the
 * reporter recorded it, never changed or deleted (the trigger refuses both). A correction is a new
 * row naming the report it corrects, the form's follow-up report (跟踪报告), so what was first
 * reported stays readable for the hospital's pharmacovigilance staff, who export the reports in the
 * fields of 《药品不良反应/事件报告表》 (shared/adr/reportCsv.ts).
 */
export const sql = `
CREATE TABLE adr_reports (
  id text PRIMARY KEY,
  patient_id text NOT NULL REFERENCES patients (id),
  previous_id text REFERENCES adr_reports (id),
  correction_reason text,
  reported_on text NOT NULL,
  reported_by text NOT NULL REFERENCES users (id),
  reporter_role text NOT NULL CHECK (reporter_role IN ('physician', 'pharmacist')),
  report text NOT NULL,
  device_id text NOT NULL,
  recorded_at text NOT NULL,
  CHECK ((previous_id IS NULL) = (correction_reason IS NULL))
);
CREATE INDEX adr_reports_by_patient ON adr_reports (patient_id, reported_on);
CREATE INDEX adr_reports_by_reported_on ON adr_reports (reported_on, id);

CREATE FUNCTION adr_reports_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'adr_reports rows are kept as reported: never changed or deleted';
END;
$$;
CREATE TRIGGER adr_reports_kept BEFORE UPDATE OR DELETE ON adr_reports
  FOR EACH ROW EXECUTE FUNCTION adr_reports_kept();
`;
