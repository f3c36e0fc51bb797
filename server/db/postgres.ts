import pg from 'pg';
import type { Database, Queryable, SqlValue } from './types';

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
    types: { getTypeParser },
  });
  // An idle client losing its server (a database restart) must not crash the process.
  pool.on('error', () => undefined);

  const over = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T extends object>(sql: string, params: readonly SqlValue[] = []) {
      const result = await client.query(sql, params as unknown[]);
      return result.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  });

  return {
    kind: 'postgres',
    ...over(pool),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const value = await fn(over(client));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // The connection is gone: do not give it back to the pool.
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
