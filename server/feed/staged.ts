import type { Queryable } from '../db/types';

/**
 * Deferred feed numbering for a push group (sync/push.ts, issue 8). appendChanges (append.ts) takes
 * feed seqs from the counter row, whose lock lasts until COMMIT; taken at every mutation's append,
 * that lock made concurrent pushes run one group at a time from a group's first append to its
 * commit, signature checks and all. In a transaction marked here, appendChanges writes the entry
 * to `staged_changes` instead (the same row image, review flag and metadata, taken at the same
 * moment) and answers a provisional seq, -ord. `numberStagedChanges`, the group's last statement
 * before COMMIT, then takes the counter once for all of them.
 *
 * The feed's guarantees are the counter's, unchanged: seqs are handed out under its row lock,
 * held to COMMIT, so seq order is still commit order and no entry can commit behind a cursor
 * (append.ts); staged rows of a mutation rolled back to its savepoint go with it, and the entries
 * are numbered consecutively, so seqs stay gapless.
 */
const deferred = new WeakSet<Queryable>();

/** Marks `tx` (a push group's transaction) so its feed entries are numbered at its end. */
export function deferFeedNumbering(tx: Queryable): void {
  deferred.add(tx);
}

export function isFeedNumberingDeferred(tx: Queryable): boolean {
  return deferred.has(tx);
}

/**
 * Gives the transaction's staged entries their seqs, in the order they were written, and moves
 * them into `changes`; stored outcomes (mutations.outcome) carrying a provisional seq get the real
 * one. Returns provisional → real seq. One statement: the counter is locked from here to COMMIT.
 */
export async function numberStagedChanges(tx: Queryable): Promise<Map<number, number>> {
  deferred.delete(tx);
  const numbered = await tx.query<{ provisional: number; seq: number }>(
    `WITH staged AS (DELETE FROM staged_changes WHERE txid = pg_current_xact_id() RETURNING *),
     total AS (SELECT count(*) AS n FROM staged),
     counter AS (UPDATE change_counter SET last_seq = last_seq + (SELECT n FROM total) WHERE (SELECT n FROM total) > 0 RETURNING last_seq),
     numbered AS (
       SELECT s.*, counter.last_seq - (SELECT n FROM total) + row_number() OVER (ORDER BY s.ord) AS seq FROM staged s, counter),
     fed AS (
       INSERT INTO changes (seq, table_name, row_id, row, patient_id, review, mutation_id, author_id, device_id, client_time, clock_skewed, audience)
       SELECT seq, table_name, row_id, row, patient_id, review, mutation_id, author_id, device_id, client_time, clock_skewed, audience FROM numbered),
     answered AS (
       UPDATE mutations m SET outcome = jsonb_set(m.outcome, '{seq}', to_jsonb(n.seq))
         FROM numbered n
        WHERE m.id = n.mutation_id AND jsonb_typeof(m.outcome -> 'seq') = 'number' AND (m.outcome ->> 'seq')::bigint = -n.ord)
     SELECT -ord AS provisional, seq FROM numbered`,
  );
  return new Map(numbered.map((row) => [Number(row.provisional), Number(row.seq)]));
}
