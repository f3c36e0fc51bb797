import { globalTables, type WireTable } from '../../shared/sync/rows';
import type { Queryable } from '../db/types';
import { patientIdSql, wireRowSql } from './projection';
import { isFeedNumberingDeferred } from './staged';

export interface ChangeMeta {
  mutationId: string | null;
  authorId: string | null;
  deviceId: string | null;
  clientTime: string | null;
  clockSkewed: boolean;
  /** Force the rows into the pharmacists' view (patient context of a prescription sent for review). */
  review?: boolean;
  /** Only this user receives the rows (a chart backfilled when their scope grew: feed/backfill.ts). */
  audience?: string;
}

export const serverMeta: ChangeMeta = { mutationId: null, authorId: null, deviceId: null, clientTime: null, clockSkewed: false };

/**
 * Appends the current state of rows `ids` of `table` to the change feed and returns the last seq.
 * Call it at the END of the writing transaction, after every other row lock is taken.
 *
 * Why a counter row and not a sequence: a PostgreSQL sequence hands out numbers when asked, not
 * when the transaction commits. Writer A could take seq 7, writer B seq 8, B commits first, and a
 * reader that pulls then sees 8, stores cursor 8, and never sees 7 when A commits. Here the seq
 * comes from `UPDATE change_counter`, whose row lock is held until COMMIT: B waits for A to finish
 * before it can number anything, so seq order is commit order and nothing can commit behind a
 * cursor. (pg_advisory_xact_lock would do the same; a counter row also makes seqs gapless, since a
 * rollback undoes the increment, and works unchanged on PGlite.) The cost is that writers
 * serialise from their first append to their commit, which is why appending comes last (a push
 * group stages its entries and takes its seqs for all of them at its end instead: staged.ts).
 */
export async function appendChanges(tx: Queryable, table: WireTable, ids: readonly string[], meta: ChangeMeta): Promise<number> {
  if (ids.length === 0) throw new Error('appendChanges: no rows');
  const patientId = patientIdSql(table);
  const review = globalTables.includes(table)
    ? '($7 AND false)' // $7 must appear in the statement; global rows reach everyone anyway
    : `($7 OR EXISTS (SELECT 1 FROM prescriptions p WHERE p.patient_id = ${patientId} AND p.status = 'submitted'))`;
  const params = [ids, meta.mutationId, meta.authorId, meta.deviceId, meta.clientTime, meta.clockSkewed, meta.review ?? false, ids.length, meta.audience ?? null];
  const columns = 'table_name, row_id, row, patient_id, review, mutation_id, author_id, device_id, client_time, clock_skewed, audience';
  const values = `'${table}', t.id, ${wireRowSql(table)}, ${patientId}, ${review}, $2, $3, $4, $5, $6, $9::text`;
  const rows = `unnest($1::text[]) WITH ORDINALITY AS u(id, ord) JOIN ${table} t ON t.id = u.id`;
  // In a push group the entry waits, unnumbered, for the group's end (staged.ts); its provisional
  // seq is -ord, and $8 is only there so both statements take the same parameters.
  const inserted = isFeedNumberingDeferred(tx)
    ? await tx.query<{ seq: number }>(
      `INSERT INTO staged_changes (${columns}) SELECT ${values} FROM ${rows} WHERE $8::int > 0 ORDER BY u.ord RETURNING -ord AS seq`,
      params,
    )
    // One statement, one round trip: the counter's UPDATE (whose row lock is the point, see above)
    // runs exactly once as a data-modifying CTE, and the rows are numbered from its result.
    : await tx.query<{ seq: number }>(
      `WITH counter AS (UPDATE change_counter SET last_seq = last_seq + $8 RETURNING last_seq)
       INSERT INTO changes (seq, ${columns})
       SELECT counter.last_seq - $8 + u.ord, ${values}
         FROM counter, ${rows}
       RETURNING seq`,
      params,
    );
  // A missing id would leave a hole in the numbering: a bug in the caller, so fail the transaction
  // (its rollback undoes the counter too).
  if (inserted.length !== ids.length) throw new Error(`appendChanges: ${ids.length - inserted.length} of ${ids.length} ${table} rows not found`);
  // The seed appends tens of thousands of rows at once: no spread into Math.max. A provisional
  // seq is -ord: the last entry is the one of lowest value.
  return inserted.reduce((last, row) => (Math.abs(row.seq) > Math.abs(last) ? Number(row.seq) : last), 0);
}
