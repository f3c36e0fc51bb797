/**
 * A user's own account (issue 12), spread into the one contract (contract.ts). Public like
 * `auth:signIn`: it is how an account whose password an admin set gets its first session.
 */
import { z } from 'zod';
import { ChangePasswordRequest } from '../sync/passwordChange';

export const accountChannels = {
  /**
   * Chooses a new password with the hospital server (online only), then the renderer signs in
   * with it. Answers BAD_CREDENTIALS for a wrong old password, SERVER_UNREACHABLE offline.
   */
  'auth:changePassword': {
    request: z.object({ account: z.string().trim().min(1).max(64), passwords: ChangePasswordRequest }).strict(),
    response: z.object({ changed: z.literal(true) }),
    access: 'public' as const,
  },
} as const;
