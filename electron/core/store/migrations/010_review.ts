/**
 * Pharmacist review on the workstation (issue 10).
 *
 * `review_decisions` caches the feed's table of the same name (shared/sync/rows.ts): the outcome
 * a prescriber sees on their prescriptions, and the exchange a pharmacist reads. Never edited here.
 *
 * `review_notice_acks`: the notices a user has acknowledged on this device (a return seen, a void
 * after approval seen), so the notice does not come back.
 *
 * `review_decision_sends`: each decision this workstation signed, kept with the request that made it
 * and, once the server answered, its answer: a replayed call (or one whose answer was lost) sends
 * the same signed bytes again instead of signing a second document, so it is applied once.
 *
 * `review_queue_cache`: the last queue each pharmacist fetched, shown read-only while the server
 * cannot be reached. It holds patient ids and ages, so it lives in this encrypted store.
 */
export const sql = `
CREATE TABLE review_decisions (
  id TEXT PRIMARY KEY,
  prescription_id TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  reviewer_id TEXT NOT NULL,
  reviewer_name TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('approve', 'return', 'intervene')),
  reasons TEXT NOT NULL,
  note TEXT NOT NULL,
  intervention TEXT,
  decided_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  signed_document TEXT NOT NULL,
  signature_public_key TEXT NOT NULL,
  signature_certificate_id TEXT,
  signature_value TEXT NOT NULL,
  feed_seq INTEGER
);
CREATE INDEX review_decisions_by_prescription ON review_decisions (prescription_id, feed_seq);

CREATE TABLE review_notice_acks (
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('returned', 'voided-after-approval')),
  prescription_id TEXT NOT NULL,
  acknowledged_at TEXT NOT NULL,
  PRIMARY KEY (user_id, kind, prescription_id)
) WITHOUT ROWID;

CREATE TABLE review_decision_sends (
  decision_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  request TEXT NOT NULL,
  decision TEXT NOT NULL,
  answer TEXT,
  signed_at TEXT NOT NULL
);

CREATE TABLE review_queue_cache (
  user_id TEXT PRIMARY KEY,
  query TEXT NOT NULL,
  response TEXT NOT NULL,
  fetched_at TEXT NOT NULL
);

-- A new synced table: forget the pull positions so it is backfilled from the start (rows.ts).
DELETE FROM sync_state WHERE key LIKE 'pull.%';
`;
