/**
 * The workstation admin's channels, spread into the one contract (contract.ts). An admin looks
 * after the device, not patients: these show what the outbox holds that a person must act on
 * (DESIGN.md "Trust": a revoked device's outbox is quarantined, never dropped; an admin can
 * release or export it) and carry no clinical free text beyond the ids that recognise a change.
 */
import { z } from 'zod';
import type { Role } from '../domain/roles';
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
  'admin:device:reregister': {
    request: Empty,
    response: z.object({ serverDeviceId: z.null() }),
    access: admin,
  },
} as const;
