import type { ChangePasswordRequest } from '../../shared/sync/passwordChange';
import { hashPassword, verifyPassword } from '../../common/auth/password';
import { recordAdminAction } from '../admin/adminActions';
import type { ServerDeps } from '../http/deps';
import { HttpError } from '../http/errors';
import { revokeOfflineVerifiers } from './offlineVerifiers';
import type { Authenticated } from './tokens';

/**
 * An account chooses its own password (issue 12): required after an admin set one (a new account,
 * a reset: `must_change_password`), allowed at any time. The old password is checked again, so a
 * token alone changes nothing. In one transaction: the new hash, the flag cleared, every token of
 * the account ended (it signs in again with the new password, which is where a device may make a
 * verifier again) and every device's offline verifier revoked, so the old password stops working
 * offline too; recorded in `admin_actions` with the account as its own actor, never the password.
 */
export async function changeOwnPassword(deps: Pick<ServerDeps, 'db' | 'now' | 'hashParams'>, auth: Authenticated, request: ChangePasswordRequest): Promise<{ changed: true }> {
  if (!(await verifyPassword(request.oldPassword, auth.user.passwordHash))) {
    throw new HttpError(401, 'BAD_CREDENTIALS', 'the current password is not right');
  }
  const passwordHash = await hashPassword(request.newPassword, deps.hashParams);
  await deps.db.transaction(async (tx) => {
    const changed = await tx.query(
      `UPDATE users SET password_hash = $2, must_change_password = false WHERE id = $1 AND password_hash = $3 RETURNING id`,
      [auth.user.id, passwordHash, auth.user.passwordHash],
    );
    // Changed meanwhile (an admin's reset, a second change): this request's old password is stale.
    if (changed.length === 0) throw new HttpError(409, 'CONFLICT', 'the password was changed meanwhile; sign in again');
    await tx.query(`UPDATE tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [auth.user.id]);
    const verifiersRevoked = await revokeOfflineVerifiers(tx, auth.user.id, 'password-reset');
    await recordAdminAction(tx, auth, deps.now(), 'account.password-change', `user:${auth.user.id}`, {
      required: auth.user.mustChangePassword,
      verifiersRevoked,
    });
  });
  return { changed: true };
}
