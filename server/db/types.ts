/**
 * One small query interface over PostgreSQL (`pg.Pool`) and PGlite, so every module of the server
 * speaks one SQL dialect (PostgreSQL 15) and runs the same on both. Parameters are always bound
 * ($1, $2...), never spliced into SQL text.
 */
export type SqlValue = string | number | boolean | null | Date | readonly (string | null)[] | readonly number[];

export interface Queryable {
  /** Rows typed by the caller: the SQL text is the schema of the answer. int8 arrives as number. */
  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction (READ COMMITTED); commits if it resolves, rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** PostgreSQL SQLSTATE of an error thrown by either driver, if it has one. */
export function sqlState(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code)) {
    return error.code;
  }
  return undefined;
}

export const UNIQUE_VIOLATION = '23505';
export const SERIALIZATION_FAILURE = '40001';
export const DEADLOCK_DETECTED = '40P01';
/** lock_not_available: a lock_timeout expired (PostgreSQL manual, appendix A). */
export const LOCK_NOT_AVAILABLE = '55P03';
