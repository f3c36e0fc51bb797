/**
 * Roaming face templates (issue 9). A template now names the enrollment it came from
 * (`template_id`), whether it was enrolled here or roamed in from the hospital server (`origin`),
 * the roaming consent it was given with (null: it stays here), and the feed seq of a roamed copy
 * (a copy never goes back in time, applyChanges.ts). Still only the template, in the encrypted store.
 *
 * The feed gains the `face_templates` table: forget the pull positions, so a cursor that passed
 * a template change before this version asked for the table starts again from 0 (rows.ts,
 * "Adding a table"; upserts make the re-sent rows harmless).
 */
export const sql = `
ALTER TABLE face_templates ADD COLUMN template_id TEXT NOT NULL DEFAULT '';
UPDATE face_templates SET template_id = lower(hex(randomblob(16)));
ALTER TABLE face_templates ADD COLUMN origin TEXT NOT NULL DEFAULT 'enrolled' CHECK (origin IN ('enrolled', 'roamed'));
ALTER TABLE face_templates ADD COLUMN roaming_consent_version TEXT;
ALTER TABLE face_templates ADD COLUMN feed_seq INTEGER;

DELETE FROM sync_state WHERE key LIKE 'pull.%';
`;
