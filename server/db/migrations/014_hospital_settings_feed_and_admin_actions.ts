/**
 * Issue 12, the admin console.
 * - Hospital settings reach every workstation through the change feed (global table
 *   `hospital_settings`, shared/sync/rows.ts): the feed joins rows on `id` and orders copies by
 *   `version`, so the key gets an `id` twin and every change bumps the version.
 * - Every admin action is recorded here with the admin, the device their token is bound to and the
 *   server's time (server/admin/adminActions.ts). Append-only: nothing updates or deletes a row.
 */
export const sql = `
ALTER TABLE hospital_settings ADD COLUMN id text GENERATED ALWAYS AS (key) STORED;
ALTER TABLE hospital_settings ADD COLUMN version integer NOT NULL DEFAULT 1;

CREATE TABLE admin_actions (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE, -- the order they were recorded in (two may share a time)
  at timestamptz NOT NULL,
  admin_id text NOT NULL REFERENCES users (id),
  device_id text NOT NULL,
  action text NOT NULL,
  subject text NOT NULL,
  detail jsonb NOT NULL
);
CREATE INDEX admin_actions_by_time ON admin_actions (at);
CREATE INDEX admin_actions_by_subject ON admin_actions (subject, seq);

CREATE FUNCTION admin_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'admin_actions is append-only';
END;
$$;
CREATE TRIGGER admin_actions_no_update BEFORE UPDATE OR DELETE ON admin_actions
  FOR EACH ROW EXECUTE FUNCTION admin_actions_append_only();
`;
