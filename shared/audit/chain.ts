import { z } from 'zod';
import { canonicalJson } from '../domain/canonical';

/**
 * The audit chain (DESIGN.md "Trust": every action lands in a hash-chained, append-only log that
 * the server verifies on upload). The workstation writes it, the server checks and keeps a copy;
 * both run the rule below, so what "intact" means is written once. The hash function is passed
 * in (node:crypto's SHA-256 on both sides) because shared/ stays runtime-neutral.
 *
 * Each entry's `hash` is the SHA-256 (hex) of `auditEntryText(entry)`, and its `prevHash` is the
 * hash of the entry before it (`genesisHash` for seq 1). Seqs count 1, 2, 3... without a gap, so
 * an entry removed, inserted or edited anywhere breaks every link after it.
 *
 * UPLOAD `POST /audit/upload`, `Authorization: Bearer <token>`, body `AuditUploadRequest`: entries
 *   in seq order, after the last one the server confirmed, at most `maxAuditBatch` a request.
 *   `deviceId` is the server's id for the uploading device. The entries' own `deviceId` is the
 *   workstation's installation id, fixed before it ever registered (the hashes cover it), so the
 *   server binds one installation to each device instead of comparing the two. Answer
 *   `{ storedThrough }` (the last seq of the batch, now held). Entries the server already holds
 *   with the same hash are a harmless replay; a different hash for a held seq or a broken chain is
 *   a 409 `AUDIT_CHAIN_BROKEN`, and nothing of the batch is kept.
 */
export const genesisHash = '0'.repeat(64);
export const maxAuditBatch = 500;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 hash in hex');
const id = z.string().min(1).max(100);

/** One audit entry as it travels. Details name ids and codes only, never clinical text. */
export const AuditEntry = z.object({
  seq: z.number().int().min(1),
  at: z.iso.datetime({ offset: true }),
  userId: id,
  /** Null for the device's own work, such as applying a sync. */
  sessionId: id.nullable(),
  deviceId: id,
  action: z.string().min(1).max(100),
  subject: z.string().min(1).max(200),
  detail: z.record(z.string(), z.unknown()),
  prevHash: sha256Hex,
  hash: sha256Hex,
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export type UnhashedAuditEntry = Omit<AuditEntry, 'hash'>;

export const AuditUploadRequest = z.object({
  deviceId: z.uuid(),
  entries: z.array(AuditEntry).min(1).max(maxAuditBatch),
});
export type AuditUploadRequest = z.infer<typeof AuditUploadRequest>;

export const AuditUploadResponse = z.object({ storedThrough: z.number().int().min(1) });
export type AuditUploadResponse = z.infer<typeof AuditUploadResponse>;

/** What `GET /admin/audit` lists: one row per device that has uploaded its chain. */
export const AuditDeviceSummary = z.object({
  deviceId: z.string(),
  deviceName: z.string(),
  installationId: z.string(),
  entries: z.number().int(),
  lastSeq: z.number().int(),
  lastHash: sha256Hex,
});
export type AuditDeviceSummary = z.infer<typeof AuditDeviceSummary>;

/** A device's held copy, walked again by the server (`GET /admin/audit/verify`): the first broken link, or null. */
export const HeldChainReport = z.object({
  deviceId: z.string(),
  entries: z.number().int(),
  problem: z.object({ seq: z.number().int(), kind: z.enum(['gap', 'link', 'altered']), reason: z.string() }).nullable(),
});
export type HeldChainReport = z.infer<typeof HeldChainReport>;

/**
 * The text an entry's hash covers: the canonical JSON of every field but the hash. The fields are
 * named one by one, so a stray property on the object can never slip into (or out of) the hash.
 */
export function auditEntryText(entry: UnhashedAuditEntry): string {
  const { seq, at, userId, sessionId, deviceId, action, subject, detail, prevHash } = entry;
  return canonicalJson({ seq, at, userId, sessionId, deviceId, action, subject, detail, prevHash });
}

/** Where a chain stands: the last entry's seq and hash (`genesis` before the first entry). */
export interface ChainHead {
  seq: number;
  hash: string;
}
export const genesis: ChainHead = { seq: 0, hash: genesisHash };

export interface ChainProblem {
  seq: number;
  kind: 'gap' | 'link' | 'altered';
  reason: string;
}

/**
 * Walks `entries` on from `previous` and returns the first entry that does not hold, or null.
 * Takes any iterable, so a long local log is checked as it streams from the database. An entry
 * whose content the server purged past its retention (`contentPurged`) is checked by its seq and
 * links only: its hash is the one held, and the next entry must still name it.
 */
export function verifyChain(
  entries: Iterable<AuditEntry>,
  previous: ChainHead,
  sha256: (text: string) => string,
  contentPurged: (entry: AuditEntry) => boolean = () => false,
): ChainProblem | null {
  let head = previous;
  for (const entry of entries) {
    const expected = head.seq + 1;
    if (entry.seq > expected) return { seq: entry.seq, kind: 'gap', reason: `entry ${expected} is missing` };
    if (entry.seq < expected) return { seq: entry.seq, kind: 'gap', reason: `entry ${entry.seq} comes again after entry ${head.seq}` };
    if (entry.prevHash !== head.hash) return { seq: entry.seq, kind: 'link', reason: 'link to the previous entry broken' };
    if (!contentPurged(entry) && sha256(auditEntryText(entry)) !== entry.hash) return { seq: entry.seq, kind: 'altered', reason: 'entry altered' };
    head = entry;
  }
  return null;
}
