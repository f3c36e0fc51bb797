import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/domain/canonical';
import type { Db } from './database';

/** Who did something, from where: every audit entry carries all of it. */
export interface Actor {
  userId: string;
  /** Null for the device's own work, such as applying a sync. */
  sessionId: string | null;
  deviceId: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  userId: string;
  sessionId: string | null;
  deviceId: string;
  action: string;
  subject: string;
  detail: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export const genesisHash = '0'.repeat(64);

/** SHA-256 over the canonical form of everything in the entry but its own hash. */
export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(entry)).digest('hex');
}

/**
 * The local, hash-chained, append-only audit log (triggers refuse updates and deletes). Entries
 * are written inside the same transaction as the change they describe, so neither exists
 * without the other. Details name ids and codes, never free clinical text.
 */
export function auditLog(db: Db, now: () => number = Date.now) {
  const last = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare(
    `INSERT INTO audit_log (seq, at, user_id, session_id, device_id, action, subject, detail, prev_hash, hash)
     VALUES (@seq, @at, @userId, @sessionId, @deviceId, @action, @subject, @detail, @prevHash, @hash)`,
  );
  const all = db.prepare<[], Record<string, string | number | null>>('SELECT * FROM audit_log ORDER BY seq');

  return {
    append(actor: Actor, action: string, subject: string, detail: Record<string, unknown> = {}): AuditEntry {
      const previous = last.get();
      const unhashed = {
        seq: (previous?.seq ?? 0) + 1,
        at: new Date(now()).toISOString(),
        ...actor,
        action,
        subject,
        detail,
        prevHash: previous?.hash ?? genesisHash,
      };
      const entry = { ...unhashed, hash: entryHash(unhashed) };
      insert.run({ ...entry, detail: canonicalJson(detail) });
      return entry;
    },

    /** Walks the chain; the first entry whose hash or link does not hold is reported. */
    verify(): { ok: true; entries: number } | { ok: false; brokenAt: number; reason: string } {
      let prevHash = genesisHash;
      let count = 0;
      for (const row of all.iterate()) {
        const entry: AuditEntry = {
          seq: Number(row.seq),
          at: String(row.at),
          userId: String(row.user_id),
          sessionId: row.session_id === null ? null : String(row.session_id),
          deviceId: String(row.device_id),
          action: String(row.action),
          subject: String(row.subject),
          detail: JSON.parse(String(row.detail)) as Record<string, unknown>,
          prevHash: String(row.prev_hash),
          hash: String(row.hash),
        };
        if (entry.seq !== count + 1) return { ok: false, brokenAt: entry.seq, reason: `entry ${count + 1} is missing` };
        if (entry.prevHash !== prevHash) return { ok: false, brokenAt: entry.seq, reason: 'link to the previous entry broken' };
        const { hash, ...unhashed } = entry;
        if (entryHash(unhashed) !== hash) return { ok: false, brokenAt: entry.seq, reason: 'entry altered' };
        prevHash = hash;
        count++;
      }
      return { ok: true, entries: count };
    },
  };
}
export type AuditLog = ReturnType<typeof auditLog>;
