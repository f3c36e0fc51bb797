/**
 * Feed entries a push group has written but not yet numbered (server/feed/staged.ts, issue 8): the
 * group takes its seqs for all of them at once at its end, so the feed counter's lock is held from
 * that moment to the commit, not from the group's first write. A row lives only inside the
 * transaction that wrote it (deleted when its group numbers it, rolled back with it otherwise), so
 * the table is UNLOGGED: nothing in it ever has to survive a crash.
 */
export const sql = `
CREATE UNLOGGED TABLE staged_changes (
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  ord bigint GENERATED ALWAYS AS IDENTITY,
  table_name text NOT NULL,
  row_id text NOT NULL,
  row jsonb NOT NULL,
  patient_id text,
  review boolean NOT NULL,
  mutation_id text,
  author_id text,
  device_id text,
  client_time text,
  clock_skewed boolean NOT NULL,
  audience text
);
CREATE INDEX staged_changes_by_transaction ON staged_changes (txid, ord);
`;
