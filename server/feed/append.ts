import type { WireTable } from '../../shared/sync/rows';
import type { Queryable } from '../db/types';
import { patientIdSql, wireRowSql } from './projection';

export interface ChangeMeta {
  mutationId: string | null;
  authorId: string | null;
  deviceId: string | null;
  clientTime: string | null;
  clockSkewed: boolean;
  /** Force the rows into the pharmacists' view (patient context of a prescription sent for review). */
  review?: boolean;
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
 * serialise from their first append to their commit, which is why appending comes last.
 */
export async function appendChanges(tx: Queryable, table: WireTable, ids: readonly string[], meta: ChangeMeta): Promise<number> {
  if (ids.length === 0) throw new Error('appendChanges: no rows');
  const [counter] = await tx.query<{ last_seq: number }>(
    `UPDATE change_counter SET last_seq = last_seq + $1 RETURNING last_seq`,
    [ids.length],
  );
  if (!counter) throw new Error('change_counter row is missing');
  const first = counter.last_seq - ids.length + 1;
  const patientId = patientIdSql(table);
  const review = table === 'users'
    ? '($8 AND false)' // $8 must appear in the statement; users are never in the review view
    : `($8 OR EXISTS (SELECT 1 FROM prescriptions p WHERE p.patient_id = ${patientId} AND p.status = 'submitted'))`;
  const inserted = await tx.query<{ seq: number }>(
    `INSERT INTO changes (seq, table_name, row_id, row, patient_id, review, mutation_id, author_id, device_id, client_time, clock_skewed)
     SELECT $1::bigint + u.ord - 1, '${table}', t.id, ${wireRowSql(table)}, ${patientId}, ${review}, $3, $4, $5, $6, $7
       FROM unnest($2::text[]) WITH ORDINALITY AS u(id, ord) JOIN ${table} t ON t.id = u.id
     RETURNING seq`,
    [first, ids, meta.mutationId, meta.authorId, meta.deviceId, meta.clientTime, meta.clockSkewed, meta.review ?? false],
  );
  // A missing id would leave a hole in the numbering: a bug in the caller, so fail the transaction.
  if (inserted.length !== ids.length) throw new Error(`appendChanges: ${ids.length - inserted.length} of ${ids.length} ${table} rows not found`);
  return counter.last_seq;
}
