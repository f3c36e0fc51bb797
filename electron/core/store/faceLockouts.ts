import type { Db } from './database';

/**
 * Failed face checks per account on this workstation (issue 9: after N failures the account locks
 * here for a configured time). Rows, so a restart neither forgets a lock nor resets the count.
 */
export function faceLockoutsTable(db: Db) {
  const get = db.prepare<[string], { failures: number; locked_until: number | null }>(`SELECT failures, locked_until FROM face_lockouts WHERE user_id = ?`);
  const put = db.prepare<[string, number, number | null]>(
    `INSERT INTO face_lockouts (user_id, failures, locked_until) VALUES (?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
  );
  const clear = db.prepare<[string]>(`DELETE FROM face_lockouts WHERE user_id = ?`);
  return {
    /** The lock's end (ms) while it lasts, else null. */
    lockedUntil(userId: string, now: number): number | null {
      const until = get.get(userId)?.locked_until ?? null;
      return until !== null && until > now ? until : null;
    },
    /**
     * Counts one failure; the `limit`-th locks the account until `now + lockMs` and starts the count
     * again. A lock that has run out also starts it again. Returns the checks left and the lock.
     */
    fail(userId: string, now: number, limit: number, lockMs: number): { attemptsLeft: number; lockedUntil: number | null } {
      const row = get.get(userId);
      const expired = row?.locked_until !== null && row?.locked_until !== undefined && row.locked_until <= now;
      const failures = (expired ? 0 : (row?.failures ?? 0)) + 1;
      if (failures >= limit) {
        put.run(userId, 0, now + lockMs);
        return { attemptsLeft: 0, lockedUntil: now + lockMs };
      }
      put.run(userId, failures, null);
      return { attemptsLeft: limit - failures, lockedUntil: null };
    },
    attemptsLeft(userId: string, now: number, limit: number): number {
      const row = get.get(userId);
      if (!row || (row.locked_until !== null && row.locked_until <= now)) return limit;
      return row.locked_until !== null ? 0 : limit - row.failures;
    },
    succeed: (userId: string): void => void clear.run(userId),
  };
}
export type FaceLockoutsTable = ReturnType<typeof faceLockoutsTable>;
