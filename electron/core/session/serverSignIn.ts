import { AppFailure } from '../../../shared/result';
import type { Signer } from '../signing/signer';
import type { UsersTable } from '../store/users';
import { OfflineError, ServerRefusal } from '../sync/serverClient';
import type { SyncEngine } from '../sync/syncEngine';
import type { OfflineSignIn } from './offlineSignIn';
import type { ServerSignIn } from './sessionService';

/**
 * Checks a sign-in with the hospital server and keeps the local account current. A successful
 * online sign-in is where an offline verifier is made (only if the server allows one: never for an
 * admin), so the next offline sign-in is checked against it (offlineSignIn.ts). An unreachable
 * server, or a device still awaiting approval, falls back to the offline check; a refusal does not.
 * It is also where a signing user's key is registered with the hospital CA (issue 8, item 11).
 */
export function serverSignIn(
  engine: SyncEngine,
  users: UsersTable,
  offline: OfflineSignIn,
  signer: Signer,
  /** Registers a revoked device anew (admin/deviceAdmin.ts `reregister`), for `account`. */
  reregisterRevoked: (account: string) => void,
): ServerSignIn {
  return {
    async signIn(account, password) {
      try {
        const { user, offlineVerifier, passwordChangeRequired } = await engine.signInRemote(account, password);
        users.upsert(user);
        if (passwordChangeRequired) {
          // Set by an admin: no session and no verifier from it (issue 12); the screen asks for a new one.
          offline.forget(user.id);
          throw new AppFailure('PASSWORD_CHANGE_REQUIRED', 'This password was set by an administrator: choose your own to sign in.');
        }
        await offline.remember(user, password, offlineVerifier);
        if (user.roles.includes('physician') || user.roles.includes('pharmacist')) {
          await certifySigningKey(engine, signer, user.id);
        }
        return 'online';
      } catch (error) {
        if (error instanceof OfflineError) return 'offline';
        if (!(error instanceof ServerRefusal)) throw error;
        const local = users.byAccount(account);
        switch (error.code) {
          case 'BAD_CREDENTIALS':
            // The verifier is kept: a typo must not lock the user out offline. A password reset
            // revokes it on the server, which this device hears at its next contact.
            throw new AppFailure('BAD_CREDENTIALS', 'The account or password is incorrect.');
          case 'ACCOUNT_SUSPENDED':
            if (local) {
              users.upsert({ ...local, suspended: true });
              offline.forget(local.id);
            }
            throw new AppFailure('ACCOUNT_SUSPENDED', 'This account is suspended. Contact the hospital IT administrator.');
          case 'DEVICE_PENDING':
          case 'DEVICE_REVOKED':
            // Met at a sign-in as at a sync round: quarantine the outbox, wipe the cached copies.
            if (error.code === 'DEVICE_REVOKED') engine.meetRevocation(error.message);
            // An admin holds no verifier, so cannot sign in offline to release the quarantined
            // outbox: the attempt registers the device anew instead (pending until IT approves it
            // on the server; nothing is released or sent before an admin signs in online).
            if (error.code === 'DEVICE_REVOKED' && local?.roles.includes('admin')) {
              reregisterRevoked(account);
              throw new AppFailure('DEVICE_NOT_APPROVED', 'This workstation was revoked; it has registered again and waits for approval by hospital IT.');
            }
            if (!local || !offline.holds(local.id)) {
              throw new AppFailure('DEVICE_NOT_APPROVED', `This workstation cannot sign in yet: ${error.message}`);
            }
            return 'offline';
          default:
            throw error;
        }
      }
    },
  };
}

/**
 * Registers the user's signing key at this online sign-in. A link lost meanwhile, or a refusal, does
 * not undo the sign-in: the key stays uncertified, signing says so, and the next online sign-in tries
 * again.
 */
async function certifySigningKey(engine: SyncEngine, signer: Signer, userId: string): Promise<void> {
  try {
    await signer.certify(userId, (publicKey, prove) => engine.registerSigningKey(userId, publicKey, prove));
  } catch (error) {
    if (!(error instanceof OfflineError) && !(error instanceof ServerRefusal)) throw error;
  }
}
