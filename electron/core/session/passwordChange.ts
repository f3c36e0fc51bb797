import { subjectOf } from '../../../shared/audit/subjects';
import { AppFailure } from '../../../shared/result';
import type { ChangePasswordRequest } from '../../../shared/sync/passwordChange';
import type { AuditLog } from '../store/audit';
import type { UsersTable } from '../store/users';
import { OfflineError, ServerRefusal } from '../sync/serverClient';
import type { SyncEngine } from '../sync/syncEngine';
import type { OfflineSignIn } from './offlineSignIn';

/** The server's refusals, in the workstation's codes (shared/result.ts). */
const refusals: Record<string, AppFailure['code']> = {
  BAD_CREDENTIALS: 'BAD_CREDENTIALS',
  ACCOUNT_SUSPENDED: 'ACCOUNT_SUSPENDED',
  INVALID_REQUEST: 'INVALID_REQUEST',
  DEVICE_PENDING: 'DEVICE_NOT_APPROVED',
  DEVICE_REVOKED: 'DEVICE_NOT_APPROVED',
  CONFLICT: 'CONFLICT',
};

/**
 * An account chooses its own password with the hospital server (issue 12; server/auth/passwordChange.ts).
 * Online only: the server is the one that knows the old password. This device's verifier for the
 * account goes at once (the server revokes every other device's), so the old password no longer
 * signs in here offline; the next online sign-in with the new one makes a new verifier. Audited
 * in the device's chain as the account's own act, never with a password.
 */
export function passwordChange(deps: { engine: SyncEngine | null; users: UsersTable; offline: OfflineSignIn; audit: AuditLog; deviceId: string }) {
  return async (account: string, passwords: ChangePasswordRequest): Promise<{ changed: true }> => {
    if (!deps.engine) throw new AppFailure('SERVER_REQUIRED', 'Passwords are changed with the hospital server, and none is configured here.');
    let userId: string;
    try {
      ({ id: userId } = await deps.engine.changePassword(account, passwords.oldPassword, passwords.newPassword));
    } catch (error) {
      if (error instanceof OfflineError) throw new AppFailure('SERVER_UNREACHABLE', 'The hospital server cannot be reached: the password can be changed only online.');
      if (error instanceof ServerRefusal) throw new AppFailure(refusals[error.code] ?? 'SERVER_REFUSED', error.code === 'BAD_CREDENTIALS' ? 'The account or current password is incorrect.' : `${error.code}: ${error.message}`);
      throw error;
    }
    deps.offline.forget(userId);
    deps.audit.append({ userId, sessionId: null, deviceId: deps.deviceId }, 'auth.password-change', subjectOf.user(userId));
    return { changed: true };
  };
}
