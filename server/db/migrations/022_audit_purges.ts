/**
 * Retention purges of the audit trail (issue 12, "Retention"): each run is recorded (when, the
 * cutoff and retention it applied, who or what started it, and per device how many entries it
 * purged and the highest seq: its anchor), and every purged entry names the run that purged it.
 * Verification (server/audit/heldChain.ts) accepts a purged entry only as that run could have
 * made it: a process action, older than the run's cutoff. Runs are append-only.
 */
export const sql = `
CREATE TABLE audit_purges (
  id text PRIMARY KEY,
  run_at timestamptz NOT NULL,
  cutoff text NOT NULL,                                  -- ISO UTC, compared with audit_entries.at
  process_years integer NOT NULL,
  trigger text NOT NULL CHECK (trigger IN ('schedule', 'admin', 'cli', 'migration')),
  triggered_by text REFERENCES users (id),
  entries integer NOT NULL,
  anchors jsonb NOT NULL                                 -- [{ deviceId, entries, throughSeq }]
);
CREATE INDEX audit_purges_by_time ON audit_purges (run_at);
-- Deferred: a run marks its entries first and records itself, with their count, before commit.
ALTER TABLE audit_entries ADD COLUMN purge_id text REFERENCES audit_purges (id) DEFERRABLE INITIALLY DEFERRED;

-- Entries purged before runs were recorded: one run that names them all.
INSERT INTO audit_purges (id, run_at, cutoff, process_years, trigger, entries, anchors)
  SELECT 'before-024', min(purged_at), max(at), 3, 'migration', count(*), '[]'::jsonb
    FROM audit_entries WHERE purged_at IS NOT NULL HAVING count(*) > 0;
UPDATE audit_entries SET purge_id = 'before-024' WHERE purged_at IS NOT NULL;

CREATE FUNCTION audit_purges_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_purges is append-only';
END;
$$;
CREATE TRIGGER audit_purges_no_update BEFORE UPDATE OR DELETE ON audit_purges
  FOR EACH ROW EXECUTE FUNCTION audit_purges_append_only();
`;
