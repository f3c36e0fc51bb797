import { AppFailure } from '../../../shared/result';
import { hashPassword, verifyPassword } from '../../../common/auth/password';
import type { UsersTable } from '../store/users';
import { OfflineError, ServerRefusal } from '../sync/serverClient';
import type { SyncEngine } from '../sync/syncEngine';
import type { ServerSignIn } from './sessionService';

/**
 * Checks a sign-in with the hospital server and keeps the local account current, so the next
 * offline sign-in is checked against what the server last said. An unreachable server, or a
 * device still awaiting approval, falls back to the offline check; a refusal does not.
 */
export function serverSignIn(engine: SyncEngine, users: UsersTable): ServerSignIn {
  return {
    async signIn(account, password) {
      try {
        const user = await engine.signInRemote(account, password);
        const local = users.byAccount(account);
        const passwordHash =
          local && (await verifyPassword(password, local.passwordHash)) ? local.passwordHash : await hashPassword(password);
        users.upsert({ ...user, passwordHash });
      } catch (error) {
        if (error instanceof OfflineError) return;
        if (!(error instanceof ServerRefusal)) throw error;
        switch (error.code) {
          case 'BAD_CREDENTIALS':
            throw new AppFailure('BAD_CREDENTIALS', 'The account or password is incorrect.');
          case 'ACCOUNT_SUSPENDED': {
            const local = users.byAccount(account);
            if (local) users.upsert({ ...local, suspended: true });
            throw new AppFailure('ACCOUNT_SUSPENDED', 'This account is suspended. Contact the hospital IT administrator.');
          }
          case 'DEVICE_PENDING':
          case 'DEVICE_REVOKED':
            if (!users.byAccount(account)) {
              throw new AppFailure('DEVICE_NOT_APPROVED', `This workstation cannot sign in yet: ${error.message}`);
            }
            return;
          default:
            throw error;
        }
      }
    },
  };
}
