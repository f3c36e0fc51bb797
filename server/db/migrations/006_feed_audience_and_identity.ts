/**
 * Sync that never loses or goes back in time (issue 8).
 *
 * `changes.audience`: null for a change everyone in its scope receives (as before); a user id for a
 * copy appended for that user alone. When a write grants a user access to a patient
 * (sync/context.ts lockPatient), the patient's current rows are appended once for that user, so
 * every device they already have receives the earlier chart, as a fresh device does (feed/backfill.ts).
 *
 * `feed_identity`: one id per feed, made when this migration runs. With the fingerprint of the
 * change at a client's cursor (feed/pull.ts) it lets a workstation notice a feed that is not the one
 * it pulled from, or one restored from an earlier backup.
 */
export const sql = `
ALTER TABLE changes ADD COLUMN audience text;
CREATE INDEX changes_for_audience ON changes (audience, seq) WHERE audience IS NOT NULL;

CREATE TABLE feed_identity (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  feed_id text NOT NULL
);
INSERT INTO feed_identity (feed_id) VALUES (gen_random_uuid()::text);
`;
