import { randomUUID } from 'node:crypto';
import { Mutation, type MutationKind, type MutationPayload } from '../../../shared/sync/wire';
import type { Db } from './database';

export type OutboxState = 'pending' | 'held' | 'quarantined';

export interface OutboxEntry {
  seq: number;
  mutation: Mutation;
  userId: string;
  state: OutboxState;
  attempts: number;
  lastError: string | null;
}

interface OutboxRow {
  seq: number;
  mutation_id: string;
  kind: string;
  payload: string;
  base_version: number | null;
  client_time: string;
  user_id: string;
  state: OutboxState;
  attempts: number;
  last_error: string | null;
}

const writeListeners = new WeakMap<Db, Set<() => void>>();

/**
 * Hears of every mutation enqueued on `db`, so the sync worker can push it at once (issue 8,
 * item 8). Called while the writing transaction is still open: a listener must only schedule
 * work (everything on this thread runs after the transaction ends), never read or write.
 */
export function onOutboxWrite(db: Db, listener: () => void): void {
  const listeners = writeListeners.get(db) ?? new Set();
  listeners.add(listener);
  writeListeners.set(db, listeners);
}

/**
 * Local changes waiting for the server. A mutation is validated against the wire schema when it
 * is enqueued, so a malformed change fails at the user's action, not later in a push.
 */
export function outboxTable(db: Db, now: () => number = Date.now) {
  const insert = db.prepare(
    `INSERT INTO outbox (mutation_id, kind, payload, base_version, client_time, user_id)
     VALUES (@mutationId, @kind, @payload, @baseVersion, @clientTime, @userId)`,
  );
  const next = db.prepare<[string, number], OutboxRow>(
    `SELECT * FROM outbox WHERE state = 'pending' AND user_id = ? ORDER BY seq LIMIT ?`,
  );
  const bySeq = db.prepare<[], OutboxRow>(`SELECT * FROM outbox ORDER BY seq`);
  const needingAdmin = db.prepare<[], OutboxRow>(`SELECT * FROM outbox WHERE state IN ('held', 'quarantined') ORDER BY seq`);
  const remove = db.prepare<[string]>(`DELETE FROM outbox WHERE mutation_id = ?`);
  const keepSettled = db.prepare<[string, string]>(
    `INSERT OR REPLACE INTO outbox_settled (seq, mutation_id, kind, payload, base_version, client_time, user_id, settled_at)
     SELECT seq, mutation_id, kind, payload, base_version, client_time, user_id, ? FROM outbox WHERE mutation_id = ?`,
  );
  const unsettle = db.prepare(
    `INSERT INTO outbox (seq, mutation_id, kind, payload, base_version, client_time, user_id)
     SELECT seq, mutation_id, kind, payload, base_version, client_time, user_id FROM outbox_settled ORDER BY seq`,
  );
  const forgetSettled = db.prepare(`DELETE FROM outbox_settled`);
  const purgeSettled = db.prepare<[string]>(`DELETE FROM outbox_settled WHERE settled_at < ?`);
  const attempt = db.prepare<[string, string]>(
    `UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE mutation_id = ?`,
  );
  const setState = db.prepare<[OutboxState, string | null, string]>(
    `UPDATE outbox SET state = ?, last_error = ? WHERE mutation_id = ?`,
  );
  // Only pending rows: a held one was refused for good and must not come back as pending on release.
  const quarantine = db.prepare<[string]>(`UPDATE outbox SET state = 'quarantined', last_error = ? WHERE state = 'pending'`);
  const release = db.prepare(`UPDATE outbox SET state = 'pending', last_error = NULL WHERE state = 'quarantined'`);
  const counts = db.prepare<[], { state: OutboxState; n: number }>(`SELECT state, count(*) AS n FROM outbox GROUP BY state`);

  return {
    /** Must run inside the transaction that writes the change itself. */
    enqueue<K extends MutationKind>(
      userId: string,
      kind: K,
      payload: MutationPayload<K>,
      baseVersion?: number,
    ): Mutation {
      const mutation = Mutation.parse({
        mutationId: randomUUID(),
        kind,
        payload,
        clientTime: new Date(now()).toISOString(),
        ...(baseVersion === undefined ? {} : { baseVersion }),
      });
      insert.run({
        mutationId: mutation.mutationId,
        kind: mutation.kind,
        payload: JSON.stringify(mutation.payload),
        baseVersion: mutation.baseVersion ?? null,
        clientTime: mutation.clientTime,
        userId,
      });
      for (const listener of writeListeners.get(db) ?? []) listener();
      return mutation;
    },
    /** A user's oldest pending mutations, in the order they were made (pushed with their token). */
    pendingFor: (userId: string, limit: number): OutboxEntry[] => next.all(userId, limit).map(toEntry),
    all: (): OutboxEntry[] => bySeq.all().map(toEntry),
    /** Held and quarantined entries, oldest first: what only a person can move on. */
    needingAdmin: (): OutboxEntry[] => needingAdmin.all().map(toEntry),
    /**
     * The server has answered for it (applied, duplicate, conflict): it leaves the outbox, and is
     * kept aside for the retention window in case the server loses it (sync/feedRewind.ts).
     */
    settle(mutationId: string): void {
      keepSettled.run(new Date(now()).toISOString(), mutationId);
      remove.run(mutationId);
    },
    /** Every settled mutation back into the outbox, in the order made; returns how many. */
    resendSettled(): number {
      const resent = unsettle.run().changes;
      forgetSettled.run();
      return resent;
    },
    /** Forgets settled mutations older than `before` (the retention window has passed). */
    purgeSettledBefore: (before: Date) => purgeSettled.run(before.toISOString()).changes,
    recordAttempt: (mutationId: string, error: string) => void attempt.run(error, mutationId),
    /** Refused for good: kept for a person to look at, never replayed automatically. */
    hold: (mutationId: string, reason: string) => void setState.run('held', reason, mutationId),
    /** Pending entries become quarantined (a revoked device); returns how many. */
    quarantineAll: (reason: string): number => quarantine.run(reason).changes,
    releaseQuarantine: () => release.run().changes,
    /** Only once an admin has exported it (admin/deviceAdmin.ts `clearQuarantine`): the archive is then its record. */
    discard: (mutationId: string) => void remove.run(mutationId),
    counts(): Record<OutboxState, number> {
      const result = { pending: 0, held: 0, quarantined: 0 };
      for (const { state, n } of counts.all()) result[state] = n;
      return result;
    },
  };
}
export type OutboxTable = ReturnType<typeof outboxTable>;

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    seq: row.seq,
    mutation: Mutation.parse({
      mutationId: row.mutation_id,
      kind: row.kind,
      payload: JSON.parse(row.payload) as unknown,
      clientTime: row.client_time,
      ...(row.base_version === null ? {} : { baseVersion: row.base_version }),
    }),
    userId: row.user_id,
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error,
  };
}
