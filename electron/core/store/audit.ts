import { createHash } from 'node:crypto';
import { auditEntryText, genesis, verifyChain, type AuditEntry, type UnhashedAuditEntry } from '../../../shared/audit/chain';
import { relatedSubjectsKey, type AuditSubject } from '../../../shared/audit/subjects';
import { canonicalJson } from '../../../shared/domain/canonical';
import type { Db } from './database';

export { genesisHash, type AuditEntry } from '../../../shared/audit/chain';
export { auditSubject, subjectOf, type AuditSubject } from '../../../shared/audit/subjects';

/** Who did something, from where: every audit entry carries all of it. */
export interface Actor {
  userId: string;
  /** Null for the device's own work, such as applying a sync. */
  sessionId: string | null;
  deviceId: string;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** SHA-256 over the canonical text of the entry (shared/audit/chain.ts: the one rule). */
export function entryHash(entry: UnhashedAuditEntry): string {
  return sha256Hex(auditEntryText(entry));
}

interface AuditRow {
  seq: number;
  at: string;
  user_id: string;
  session_id: string | null;
  device_id: string;
  action: string;
  subject: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

const entryOf = (row: AuditRow): AuditEntry => ({
  seq: row.seq,
  at: row.at,
  userId: row.user_id,
  sessionId: row.session_id,
  deviceId: row.device_id,
  action: row.action,
  subject: row.subject,
  detail: JSON.parse(row.detail) as Record<string, unknown>,
  prevHash: row.prev_hash,
  hash: row.hash,
});

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
  const all = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq');
  const after = db.prepare<[number, number], AuditRow>('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?');

  return {
    /**
     * Appends one entry. Call it inside the transaction of the action it records. `related` names
     * the other subjects the action touched (the patient of a prescription, each patient of a
     * search page): the server indexes them, so a patient's access history finds the entry.
     * E.g. a signed record: `audit.append(actor, 'record.sign', subjectOf.record(id), { version }, [subjectOf.patient(patientId)])`.
     */
    append(actor: Actor, action: string, subject: AuditSubject, detail: Record<string, unknown> = {}, related: readonly AuditSubject[] = []): AuditEntry {
      if (related.length > 0) detail = { ...detail, [relatedSubjectsKey]: [...new Set(related)] };
      const previous = last.get() ?? genesis;
      const unhashed: UnhashedAuditEntry = {
        seq: previous.seq + 1,
        at: new Date(now()).toISOString(),
        userId: actor.userId,
        sessionId: actor.sessionId,
        deviceId: actor.deviceId,
        action,
        subject,
        detail,
        prevHash: previous.hash,
      };
      const entry = { ...unhashed, hash: entryHash(unhashed) };
      insert.run({ ...entry, detail: canonicalJson(detail) });
      return entry;
    },

    /** Up to `limit` entries after `seq`, in order: the next batch to upload. */
    entriesAfter: (seq: number, limit: number): AuditEntry[] => after.all(seq, limit).map(entryOf),

    /** Walks the chain; the first entry whose hash or link does not hold is reported. */
    verify(): { ok: true; entries: number } | { ok: false; brokenAt: number; reason: string } {
      let count = 0;
      const entries = function* () {
        for (const row of all.iterate()) {
          count++;
          yield entryOf(row);
        }
      };
      const problem = verifyChain(entries(), genesis, sha256Hex);
      return problem ? { ok: false, brokenAt: problem.seq, reason: problem.reason } : { ok: true, entries: count };
    },
  };
}
export type AuditLog = ReturnType<typeof auditLog>;
