import { z } from 'zod';

/**
 * `POST /auth/password` (issue 12, "change password at next sign-in"): the account's own change,
 * with the password it has and the one it chooses. Same floor as an admin-set password
 * (shared/sync/admin.ts); the new one must differ, since the old one is known to whoever set it.
 */
export const ChangePasswordRequest = z
  .object({
    oldPassword: z.string().min(1).max(256),
    newPassword: z.string().min(10, 'at least 10 characters').max(256),
  })
  .strict()
  .refine((r) => r.newPassword !== r.oldPassword, { message: 'the new password must differ from the old one', path: ['newPassword'] });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const ChangePasswordResponse = z.object({ changed: z.literal(true) });
