import pg from 'pg';
import type { Database, Queryable, SqlValue } from './types';
import { classifyDatabaseError } from './unavailable';

const INT8_OID = 20;

const parseInt8 = (value: string): number => Number(value);
const getTypeParser = ((oid: number, format: 'text' | 'binary' = 'text'): unknown =>
  oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;

/**
 * `DATABASE_URL` databases. int8 (bigint: feed sequence numbers) is parsed to a JS number: seqs stay
 * far below 2^53. The parser is set per pool, not globally, so nothing else in the process changes.
 */
export function openPostgres(connectionString: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    // While the database is down a connect fails fast (refused); a hung one must not hold a
    // request forever either.
    connectionTimeoutMillis: 10_000,
    types: { getTypeParser },
  });
  // An idle client losing its server (a database restart) must not crash the process: the pool
  // drops that client and opens a fresh connection for the next query.
  pool.on('error', () => undefined);

  const over = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T extends object>(sql: string, params: readonly SqlValue[] = []) {
      try {
        const result = await client.query(sql, params as unknown[]);
        return result.rows as T[];
      } catch (error) {
        throw classifyDatabaseError(error);
      }
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  });

  return {
    kind: 'postgres',
    ...over(pool),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect().catch((error: unknown) => {
        throw classifyDatabaseError(error);
      });
      let broken: Error | undefined;
      // The pool listens for errors on idle clients only. A connection cut while this one is
      // checked out but between statements (a database restart) would otherwise be an unhandled
      // 'error' event, which ends the process; remember it instead, and never reuse the client.
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const value = await fn(over(client));
        await client.query('COMMIT');
        return value;
      } catch (rawError) {
        const error = classifyDatabaseError(rawError);
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // The connection is gone: do not give it back to the pool.
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
