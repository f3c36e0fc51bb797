/**
 * The workstation admin's channels, spread into the one contract (contract.ts). An admin looks
 * after the device, not patients: these show what the outbox holds that a person must act on
 * (DESIGN.md "Trust": a revoked device's outbox is quarantined, never dropped; an admin can
 * release or export it) and carry no clinical free text beyond the ids that recognise a change.
 */
import { z } from 'zod';
import type { Role } from '../domain/roles';
import { AuditEntry } from '../audit/chain';
import { Mutation, mutationKinds } from '../sync/wire';

const admin = ['admin'] as const satisfies readonly Role[];
const Empty = z.object({}).strict();

export const AdminOutboxState = z.enum(['held', 'quarantined']);

/** One outbox entry waiting for a person: enough to recognise it, no clinical text. */
export const AdminOutboxItem = z.object({
  mutationId: z.string(),
  kind: z.enum(mutationKinds),
  /** Null for kinds whose payload names no patient (an allergy status change names the allergy). */
  patientId: z.string().nullable(),
  authorId: z.string(),
  clientTime: z.string(),
  state: AdminOutboxState,
  /** The server's refusal (held) or why the device was quarantined. */
  reason: z.string().nullable(),
});
export type AdminOutboxItem = z.infer<typeof AdminOutboxItem>;


/** How the workstation found the server's feed gone back in time (issue 8, item 6): the admin screen words it in the user's language. */
export const rewindCodes = ['other-feed', 'feed-behind-cursor', 'cursor-change-differs'] as const;
export type RewindCode = (typeof rewindCodes)[number];
/** `reason` is the English wording for logs, and all a rewind recorded before the codes has. */
export const FeedRewindView = z.object({
  at: z.string(),
  reason: z.string(),
  code: z.enum(rewindCodes).optional(),
  cursor: z.number().int().optional(),
  latestSeq: z.number().int().optional(),
  resent: z.number().int(),
});

export const AdminDeviceView = z.object({
  localId: z.string(),
  /** Null until the hospital server has registered this device (or after it registered anew). */
  serverDeviceId: z.string().nullable(),
  /** Null when no hospital server is configured: the workstation works from its store alone. */
  link: z.enum(['online', 'offline', 'pending-approval', 'revoked']).nullable(),
  lastSuccessAt: z.string().nullable(),
  counts: z.object({ pending: z.number().int(), held: z.number().int(), quarantined: z.number().int() }),
  items: z.array(AdminOutboxItem),
  /**
   * The last time the hospital server was found to have gone back in time (a restore from backup):
   * when, why, and how many confirmed changes were sent again. Optional for older cores.
   */
  feedRewind: FeedRewindView.nullable().optional(),
});
export type AdminDeviceView = z.infer<typeof AdminDeviceView>;

/**
 * What an admin saves so the hospital can replay a device's stranded changes: each mutation
 * exactly as the sync worker would push it (a wire `Mutation`), with its author, who pushes it
 * with their own token (`POST /sync/push`, batches per author, in this order).
 */
export const OutboxExport = z.object({
  format: z.literal('caredesk.outbox-export/1'),
  exportedAt: z.string(),
  exportedBy: z.string(),
  device: z.object({ localId: z.string(), serverDeviceId: z.string().nullable() }),
  entries: z.array(
    z.object({ authorId: z.string(), state: AdminOutboxState, reason: z.string().nullable(), mutation: Mutation }),
  ),
});
export type OutboxExport = z.infer<typeof OutboxExport>;

/**
 * What a revoked device holds that the hospital has not received (issue 12): every held and
 * quarantined mutation, as in `OutboxExport`, and the device's whole audit chain, ending with the
 * entry that records this export. Sealed before it leaves main (`SealedQuarantineArchive`).
 */
export const QuarantineContents = z.object({
  format: z.literal('caredesk.quarantine/1'),
  exportedAt: z.string(),
  exportedBy: z.string(),
  device: z.object({ localId: z.string(), serverDeviceId: z.string().nullable() }),
  outbox: OutboxExport.shape.entries,
  audit: z.array(AuditEntry),
});
export type QuarantineContents = z.infer<typeof QuarantineContents>;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/).max(200_000_000);
/**
 * The archive as saved: the contents' JSON under AES-256-GCM, its key derived from the admin's
 * passphrase with scrypt (RFC 7914). The header is authenticated with it, so a changed parameter
 * fails to open like a changed byte.
 */
export const SealedQuarantineArchive = z.object({
  format: z.literal('caredesk.quarantine-archive/1'),
  cipher: z.literal('aes-256-gcm'),
  kdf: z.object({ name: z.literal('scrypt'), n: z.number().int(), r: z.number().int(), p: z.number().int(), salt: base64 }),
  iv: base64,
  tag: base64,
  ciphertext: base64,
});
export type SealedQuarantineArchive = z.infer<typeof SealedQuarantineArchive>;

/** Long enough that the archive, once out of the store's encryption, is not guessed offline. */
export const ArchivePassphrase = z.string().min(12).max(256);

export const adminChannels = {
  'admin:device': {
    request: Empty,
    response: AdminDeviceView,
    access: admin,
  },
  /** Quarantined changes go back to pending, e.g. once IT has approved the device again. */
  'admin:outbox:release': {
    request: Empty,
    response: z.object({ released: z.number().int() }),
    access: admin,
  },
  'admin:outbox:export': {
    request: Empty,
    response: OutboxExport,
    access: admin,
  },
  /**
   * The server treats revocation as final (server/auth/devices.ts: a stolen laptop does not come
   * back), so a revoked workstation returns as a new registration with a new key, which IT approves.
   */
  /**
   * The quarantine archive: held and quarantined changes with the audit chain, sealed with the
   * admin's passphrase. Audited in the same transaction, and the archive holds that entry.
   */
  'admin:quarantine:export': {
    request: z.object({ passphrase: ArchivePassphrase }).strict(),
    response: z.object({ archive: SealedQuarantineArchive, mutations: z.number().int(), auditEntries: z.number().int(), exportedAt: z.string() }),
    access: admin,
  },
  /** Drops the held and quarantined changes, only when the last archive exported holds every one of them. */
  'admin:quarantine:clear': {
    request: Empty,
    response: z.object({ cleared: z.number().int() }),
    access: admin,
  },
  'admin:device:reregister': {
    request: Empty,
    response: z.object({ serverDeviceId: z.null() }),
    access: admin,
  },
} as const;
