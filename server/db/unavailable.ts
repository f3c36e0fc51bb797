/**
 * The database could not be reached, or dropped the connection mid-statement (a restart, a
 * failover, a network fault). Nothing about the request's outcome is known beyond "its transaction
 * did not commit, or committed and the answer was lost": the client retries, and mutation ids make
 * that safe. Answered as 503 DATABASE_UNAVAILABLE, never as a 500 that suggests a bug.
 */
export class DatabaseUnavailable extends Error {
  constructor(cause: unknown) {
    super('the database is unavailable', { cause });
    this.name = 'DatabaseUnavailable';
  }
}

// Socket-level failures, from Node (connecting, or a peer gone mid-query).
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// SQLSTATE 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or
// shutting down); class 08 is "connection exception" (PostgreSQL manual, appendix A).
const unavailableStates = new Set(['57P01', '57P02', '57P03']);
// node-postgres reports a lost or closed connection by message only.
const driverMessages = /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection ended/;

export function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  if (socketCodes.has(code) || unavailableStates.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  return driverMessages.test(error.message);
}

/** Wraps a connection failure in DatabaseUnavailable; anything else is returned as it is. */
export function classifyDatabaseError(error: unknown): unknown {
  return isConnectionFailure(error) ? new DatabaseUnavailable(error) : error;
}
