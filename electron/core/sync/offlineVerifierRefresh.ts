import type { Actor } from '../store/audit';
import { subjectOf } from '../../../shared/audit/subjects';
import type { auditLog } from '../store/audit';
import type { Db } from '../store/database';
import type { OfflineVerifiersTable } from '../store/offlineVerifiers';
import { ServerRefusal, type ServerClient } from './serverClient';
import type { syncStateTable } from './syncState';

/**
 * At every contact, asks which accounts this device may still keep an offline verifier for and
 * deletes the others (issue 8, item 9): a suspension, a password reset or an admin's revocation on
 * the server ends offline sign-in here at the next round. Any signed-in user's token will do (the
 * list is the device's). Returns the accounts whose verifier was deleted.
 */
export async function refreshOfflineVerifiers(deps: {
  db: Db;
  client: ServerClient;
  state: ReturnType<typeof syncStateTable>;
  verifiers: OfflineVerifiersTable;
  audit: ReturnType<typeof auditLog>;
  actor: Actor;
}): Promise<string[]> {
  for (const userId of deps.state.usersWithTokens()) {
    let accounts: string[];
    try {
      ({ accounts } = await deps.client.offlineVerifiers(deps.state.token(userId)!.token));
    } catch (error) {
      if (error instanceof ServerRefusal && (error.code === 'UNAUTHENTICATED' || error.code === 'ACCOUNT_SUSPENDED')) continue;
      throw error;
    }
    return deps.db.transaction(() => {
      const dropped = deps.verifiers.keepOnly(accounts);
      if (dropped.length > 0) deps.audit.append(deps.actor, 'sync.offline-verifiers-revoked', subjectOf.device(deps.actor.deviceId), { accounts: dropped });
      return dropped;
    })();
  }
  return [];
}
