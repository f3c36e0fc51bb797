import { PGlite, types } from '@electric-sql/pglite';
import type { Database, Queryable, SqlValue } from './types';

/**
 * The embedded database for demos and single-clinic trials. PGlite is one connection in this
 * process, and on Node it gives no fsync guarantee: a power cut can lose the last commits. Real
 * deployments use PostgreSQL (README). Because there is one connection, a transaction must not
 * interleave with other statements: every call goes through one queue, so a transaction runs
 * alone from BEGIN to COMMIT and other requests wait their turn.
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  const db = await PGlite.create(dataDir, { parsers: { [types.INT8]: (value: string) => Number(value) } });
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
  const over = (target: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T extends object>(sql: string, params: readonly SqlValue[] = []) {
      const result = await target.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  });
  const direct = over(db);
  return {
    kind: 'pglite',
    query: (sql, params) => exclusive(() => direct.query(sql, params)),
    exec: (sql) => exclusive(() => direct.exec(sql)),
    transaction: (fn) => exclusive(() => db.transaction((tx) => fn(over(tx)))),
    close: () => exclusive(() => db.close()),
  };
}
