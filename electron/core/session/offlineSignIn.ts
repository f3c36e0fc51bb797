import { randomUUID } from 'node:crypto';
import { checkOfflineVerifier, makeOfflineVerifier } from '../../../common/auth/offlineVerifier';
import type { hashPassword } from '../../../common/auth/password';
import type { Db } from '../store/database';
import { offlineVerifiersTable } from '../store/offlineVerifiers';
import type { UserRow } from '../store/users';

/**
 * Offline sign-in on this workstation (issue 8, item 9; DESIGN.md "Trust"): only for an account
 * that signed in here online and that the server let keep a verifier (never an admin), checked
 * against this device's own verifier (common/auth/offlineVerifier.ts), which the server can take
 * back at the next contact.
 */
export function offlineSignIn(db: Db, deviceLocalId: string, now: () => number, params?: Parameters<typeof hashPassword>[1]) {
  const verifiers = offlineVerifiersTable(db, now);
  let decoy: Promise<string> | null = null;
  const bindingOf = (userId: string) => ({ deviceLocalId, userId });
  return {
    /** After the server accepted the password: keep a verifier when it allows one, else none. */
    async remember(user: UserRow, password: string, allowed: boolean): Promise<void> {
      if (!allowed || user.roles.includes('admin')) {
        verifiers.delete(user.id);
        return;
      }
      verifiers.put(user.id, await makeOfflineVerifier(bindingOf(user.id), password, params));
    },
    /** The server refused the account (suspended, password changed) or revoked the verifier. */
    forget: (userId: string): boolean => verifiers.delete(userId),
    keepOnly: (userIds: readonly string[]): string[] => verifiers.keepOnly(userIds),
    holds: (userId: string): boolean => verifiers.get(userId) !== null,
    /**
     * Checks a password offline. An account without a verifier here costs the same scrypt work, so
     * timing does not tell which accounts this device holds verifiers for.
     */
    async check(user: UserRow | null, password: string): Promise<'valid' | 'invalid' | 'no-verifier'> {
      const verifier = user ? verifiers.get(user.id) : null;
      if (!user || !verifier) {
        decoy ??= makeOfflineVerifier(bindingOf(randomUUID()), randomUUID(), params);
        await checkOfflineVerifier(bindingOf('decoy'), password, await decoy);
        return user ? 'no-verifier' : 'invalid';
      }
      return (await checkOfflineVerifier(bindingOf(user.id), password, verifier)) ? 'valid' : 'invalid';
    },
  };
}
export type OfflineSignIn = ReturnType<typeof offlineSignIn>;
