/**
 * Sync that never goes back in time (issue 8): cached rows keep their feed position, and settled
 * mutations are kept for a while in case the server loses them.
 *
 * `feed_seq`: the server feed position a cached row's copy came from (shared/sync/wire.ts, `seq`).
 * Every user of a workstation pulls from their own cursor, so a user whose cursor is older (a first
 * sign-in, a scope reset) replays copies older than the ones already cached; the upsert keeps the
 * newer (sync/applyChanges.ts). Seq is the server's commit order, the only clock that orders
 * changes (DESIGN.md). Null for rows the workstation wrote itself and the feed has not echoed yet,
 * and for rows cached before this migration: any copy from the feed replaces those.
 */
export const sql = `
ALTER TABLE users ADD COLUMN feed_seq INTEGER;
ALTER TABLE patients ADD COLUMN feed_seq INTEGER;
ALTER TABLE encounters ADD COLUMN feed_seq INTEGER;
ALTER TABLE diagnoses ADD COLUMN feed_seq INTEGER;
ALTER TABLE allergies ADD COLUMN feed_seq INTEGER;
ALTER TABLE prescriptions ADD COLUMN feed_seq INTEGER;
ALTER TABLE labs ADD COLUMN feed_seq INTEGER;
ALTER TABLE conflicts ADD COLUMN feed_seq INTEGER;
ALTER TABLE formulary ADD COLUMN feed_seq INTEGER;

-- Mutations the server confirmed, kept for a retention window (7 days, sync/feedRewind.ts) so
-- they can be sent again if the server goes back in time (a restore from backup) and loses them.
-- Apart from the outbox, which holds what still waits (the top bar, the admin screen and a
-- prescription's "queued" read it as such); \`seq\` is the outbox seq, so a resend keeps the order.
CREATE TABLE outbox_settled (
  seq INTEGER PRIMARY KEY,
  mutation_id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  base_version INTEGER,
  client_time TEXT NOT NULL,
  user_id TEXT NOT NULL,
  settled_at TEXT NOT NULL
);
CREATE INDEX outbox_settled_by_time ON outbox_settled (settled_at);

-- Rows cached before carry no position: pull every user's scope again from the start, so each
-- row ends with its newest copy and its seq (upserts make re-sent rows harmless).
DELETE FROM sync_state WHERE key LIKE 'pull.%';
`;
