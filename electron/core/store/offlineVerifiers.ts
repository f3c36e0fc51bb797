import type { Db } from './database';

/**
 * The offline verifiers this workstation holds (migration 007; issue 8, item 9): one per account
 * that signed in here online, never an admin's. Made and checked in session/offlineSignIn.ts.
 */
export function offlineVerifiersTable(db: Db, now: () => number) {
  const get = db.prepare<[string], { verifier: string }>(`SELECT verifier FROM offline_verifiers WHERE user_id = ?`);
  const put = db.prepare<[string, string, string]>(
    `INSERT INTO offline_verifiers (user_id, verifier, created_at) VALUES (?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET verifier = excluded.verifier, created_at = excluded.created_at`,
  );
  const remove = db.prepare<[string]>(`DELETE FROM offline_verifiers WHERE user_id = ?`);
  const all = db.prepare<[], { user_id: string }>(`SELECT user_id FROM offline_verifiers`);
  return {
    get: (userId: string): string | null => get.get(userId)?.verifier ?? null,
    put: (userId: string, verifier: string): void => void put.run(userId, verifier, new Date(now()).toISOString()),
    delete: (userId: string): boolean => remove.run(userId).changes > 0,
    /** Deletes every verifier the server no longer names for this device; returns the accounts dropped. */
    keepOnly(userIds: readonly string[]): string[] {
      const keep = new Set(userIds);
      return db.transaction(() => all.all().map((row) => row.user_id).filter((id) => !keep.has(id) && remove.run(id).changes > 0))();
    },
  };
}
export type OfflineVerifiersTable = ReturnType<typeof offlineVerifiersTable>;
