import { z } from 'zod';
import { Role } from '../domain/roles';

/** What the renderer knows of the connection's session (electron/core/session/sessionService.ts). */
export const SessionInfo = z.object({
  userId: z.string(),
  account: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  department: z.string(),
  /** How the identity was last proven: at sign-in, step-up or unlock (issue 9). */
  verifiedBy: z.enum(['password', 'face']),
  verifiedAt: z.string(),
  /**
   * 'read-only': opened by password without a face check (no template or no camera here): charts
   * read, nothing is signed, reviewed or opened (channels marked `requiresVerifiedSession`).
   */
  mode: z.enum(['full', 'read-only']),
  /** Locked by the idle timer: the session and its server token stay; only the same user's face unlocks. */
  locked: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;
