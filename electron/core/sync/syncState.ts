import { z } from 'zod';
import { FeedRewindView } from '../../../shared/ipc/adminChannels';
import type { DeviceSyncFacts } from '../session/signingFreshness';
import type { Db } from '../store/database';

const Token = z.object({ token: z.string(), expiresAt: z.string() });
/** How far the server holds this workstation's audit chain, under which server device id. */
const AuditUploaded = z.object({ deviceId: z.string(), seq: z.number().int().min(0) });
/** The server's standing refusal of this workstation's audit chain (e.g. an entry altered here). */
const AuditRefusal = z.object({ code: z.string(), message: z.string(), at: z.string() });
export type AuditRefusal = z.infer<typeof AuditRefusal>;
/** `mark`: the fingerprint of the change at `cursor`, as the server gave it (wire.ts, `nextMark`). */
const Cursor = z.object({ scopeEpoch: z.number().int().optional(), cursor: z.number().int().min(0), mark: z.string().nullable().optional() });
/** The last time the server's feed was found to have gone back in time, and what was done. */
const FeedRewind = FeedRewindView;
export type FeedRewind = z.infer<typeof FeedRewind>;
export type PullPosition = z.infer<typeof Cursor>;

/**
 * What the sync worker remembers between runs, in the encrypted store: each user's server token
 * and pull position, how far the server holds the audit chain, and when the last full sync
 * succeeded. A user's token is what lets their
 * changes leave the outbox, so it outlives their session (not their sign-out of the server).
 */
export function syncStateTable(db: Db) {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?');
  const put = db.prepare<[string, string]>(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const remove = db.prepare<[string]>('DELETE FROM sync_state WHERE key = ?');
  const byPrefix = db.prepare<[string, string], { key: string; value: string }>(
    `SELECT key, value FROM sync_state WHERE key >= ? AND key < ? ORDER BY key`,
  );
  const read = <T>(key: string, schema: z.ZodType<T>): T | null => {
    const row = get.get(key);
    return row ? schema.parse(JSON.parse(row.value)) : null;
  };

  return {
    token: (userId: string) => read(`token.${userId}`, Token),
    setToken: (userId: string, token: z.infer<typeof Token>) => void put.run(`token.${userId}`, JSON.stringify(token)),
    dropToken: (userId: string) => void remove.run(`token.${userId}`),
    /**
     * Users whose changes can be pushed and whose scope can be pulled. Expiry is the server's to
     * judge (this clock may be off): an expired token is dropped when the server refuses it.
     */
    usersWithTokens(): string[] {
      return byPrefix.all('token.', 'token/').map((row) => row.key.slice('token.'.length));
    },
    position: (userId: string): PullPosition => read(`pull.${userId}`, Cursor) ?? { cursor: 0 },
    /** Call only inside the transaction that applied the page this position follows. */
    setPosition: (userId: string, position: PullPosition) => void put.run(`pull.${userId}`, JSON.stringify(position)),
    /** Every user pulls again from 0 (their scope epochs too are asked for again). */
    forgetPositions: () => void db.prepare(`DELETE FROM sync_state WHERE key LIKE 'pull.%'`).run(),
    /** The identity of the feed this workstation pulls from (wire.ts, `feedId`). */
    feedId: (): string | null => get.get('feed.id')?.value ?? null,
    setFeedId: (feedId: string) => void put.run('feed.id', feedId),
    feedRewind: () => read('feed.rewind', FeedRewind),
    setFeedRewind: (rewind: FeedRewind) => void put.run('feed.rewind', JSON.stringify(rewind)),
    /** The server may have lost audit entries it confirmed: upload the chain again from entry 1 (replays are harmless). */
    forgetAuditUploaded: () => void remove.run('audit.uploaded_seq'),
    /**
     * The last audit entry the server confirmed for `deviceId`. A device registered again (after a
     * revocation) has a new id and holds nothing yet, so its upload starts over from entry 1.
     */
    auditUploadedSeq(deviceId: string): number {
      const uploaded = read('audit.uploaded_seq', AuditUploaded);
      return uploaded?.deviceId === deviceId ? uploaded.seq : 0;
    },
    setAuditUploadedSeq: (deviceId: string, seq: number) => void put.run('audit.uploaded_seq', JSON.stringify({ deviceId, seq })),
    auditRefusal: () => read('audit.refusal', AuditRefusal),
    setAuditRefusal(refusal: AuditRefusal | null) {
      if (refusal) put.run('audit.refusal', JSON.stringify(refusal));
      else remove.run('audit.refusal');
    },
    lastSuccessAt: (): string | null => get.get('last_success_at')?.value ?? null,
    setLastSuccessAt: (at: string) => void put.run('last_success_at', at),
  };
}
export type SyncStateTable = ReturnType<typeof syncStateTable>;

/** What the signing rule needs to know of this device's sync (session/signingFreshness.ts), read fresh at each signature. */
export function deviceSyncFacts(db: Db, serverConfigured: boolean): () => DeviceSyncFacts {
  const state = syncStateTable(db);
  return () => ({ lastSuccessAt: state.lastSuccessAt(), serverConfigured });
}
