/**
 * Adverse drug reaction reports (issue 13, shared/sync/adrWire.ts), cached like the rest of the
 * chart. A report is never changed once recorded: a correction is a new report naming it
 * (`previous_id`), so the trigger refuses any change of what was reported; only the server's
 * receipt time and the feed position of the cached copy may be filled in. Cached copies go with
 * their patient's (scope eviction, the deregistration wipe); the server keeps every report.
 *
 * `adr_reports` is new on the feed: forget the pull positions so the next sync fetches each
 * user's scope from the start with it (upserts make re-sent rows harmless).
 */
export const sql = `
CREATE TABLE adr_reports (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL,
  previous_id TEXT,
  correction_reason TEXT,
  reported_on TEXT NOT NULL,
  reported_by TEXT NOT NULL,
  reporter_role TEXT NOT NULL CHECK (reporter_role IN ('physician', 'pharmacist')),
  report TEXT NOT NULL,
  recorded_at TEXT,
  feed_seq INTEGER
);
CREATE INDEX adr_reports_by_patient ON adr_reports (patient_id, reported_on);
CREATE INDEX adr_reports_by_previous ON adr_reports (previous_id) WHERE previous_id IS NOT NULL;
CREATE TRIGGER adr_reports_kept BEFORE UPDATE ON adr_reports
WHEN NEW.patient_id IS NOT OLD.patient_id OR NEW.previous_id IS NOT OLD.previous_id OR NEW.correction_reason IS NOT OLD.correction_reason
  OR NEW.reported_on IS NOT OLD.reported_on OR NEW.reported_by IS NOT OLD.reported_by OR NEW.report IS NOT OLD.report
BEGIN SELECT RAISE(ABORT, 'ADR_REPORT_KEPT: a recorded report never changes; record a follow-up report'); END;

DELETE FROM sync_state WHERE key LIKE 'pull.%';
`;
