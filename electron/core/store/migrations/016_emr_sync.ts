/**
 * Records and templates through sync (issue 11). `emr_templates` caches the hospital's imported
 * template versions (shared/sync/emrWire.ts `EmrTemplateRow`), kept like the signed records: a
 * record names the version it was written against, so none is ever replaced or removed.
 *
 * `emr_records` (013) and `emr_templates` are new on the feed: forget the pull positions so the
 * next sync fetches each user's scope from the start with them (upserts make re-sent rows harmless).
 */
export const sql = `
CREATE TABLE emr_templates (
  id TEXT PRIMARY KEY,
  resource_type TEXT NOT NULL CHECK (resource_type IN ('Questionnaire', 'ValueSet')),
  url TEXT NOT NULL,
  version TEXT NOT NULL,
  resource TEXT NOT NULL,
  revision INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  feed_seq INTEGER
);
CREATE TRIGGER emr_templates_immutable BEFORE UPDATE ON emr_templates
WHEN NEW.resource_type IS NOT OLD.resource_type OR NEW.url IS NOT OLD.url OR NEW.version IS NOT OLD.version
  OR NEW.resource IS NOT OLD.resource OR NEW.revision IS NOT OLD.revision
BEGIN SELECT RAISE(ABORT, 'TEMPLATE_INVALID: an imported template version never changes'); END;
CREATE TRIGGER emr_templates_kept BEFORE DELETE ON emr_templates
BEGIN SELECT RAISE(ABORT, 'TEMPLATE_INVALID: imported template versions are kept'); END;

DELETE FROM sync_state WHERE key LIKE 'pull.%';
`;
