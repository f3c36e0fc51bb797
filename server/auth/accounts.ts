import { randomUUID } from 'node:crypto';
import type { Role } from '../../shared/domain/roles';
import type { AccountView } from '../../shared/sync/auth';
import type { Queryable } from '../db/types';
import { UNIQUE_VIOLATION, sqlState } from '../db/types';
import { appendChanges, serverMeta } from '../feed/append';
import { HttpError } from '../http/errors';
import { revokeOfflineVerifiers } from './offlineVerifiers';
import { revokeCertificatesOf } from '../signing/certificates';

export interface AccountRecord {
  id: string;
  account: string;
  displayName: string;
  roles: Role[];
  department: string;
  licenceNo: string;
  passwordHash: string;
  suspended: boolean;
  scopeEpoch: number;
  /** Set by an admin's create or reset: the next online sign-in must choose a new password (migration 020). */
  mustChangePassword: boolean;
}

const columns = `id, account, display_name AS "displayName", roles, department, licence_no AS "licenceNo",
  password_hash AS "passwordHash", suspended, scope_epoch AS "scopeEpoch", must_change_password AS "mustChangePassword"`;

export async function findAccountByName(q: Queryable, account: string): Promise<AccountRecord | null> {
  const [row] = await q.query<AccountRecord>(`SELECT ${columns} FROM users WHERE lower(account) = lower($1)`, [account]);
  return row ?? null;
}

export async function findAccountById(q: Queryable, id: string): Promise<AccountRecord | null> {
  const [row] = await q.query<AccountRecord>(`SELECT ${columns} FROM users WHERE id = $1`, [id]);
  return row ?? null;
}

export async function listAccounts(q: Queryable): Promise<AccountRecord[]> {
  return q.query<AccountRecord>(`SELECT ${columns} FROM users ORDER BY account`);
}

export function accountView(a: AccountRecord): AccountView {
  return { id: a.id, account: a.account, displayName: a.displayName, roles: a.roles, department: a.department, licenceNo: a.licenceNo, suspended: a.suspended };
}

export interface NewAccount {
  id?: string;
  account: string;
  passwordHash: string;
  displayName: string;
  roles: Role[];
  department: string;
  licenceNo: string;
  /** True when an admin set the password: the account changes it at its next sign-in. */
  mustChangePassword?: boolean;
}

/** Creates an account and publishes it to every workstation (users rows are global in the feed). */
export async function createAccount(tx: Queryable, input: NewAccount): Promise<string> {
  const id = input.id ?? randomUUID();
  try {
    await tx.query(`SAVEPOINT create_account`);
    await tx.query(
      `INSERT INTO users (id, account, display_name, roles, department, licence_no, password_hash, must_change_password)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, input.account, input.displayName, input.roles, input.department, input.licenceNo, input.passwordHash, input.mustChangePassword ?? false],
    );
    await tx.query(`RELEASE SAVEPOINT create_account`);
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION) {
      await tx.query(`ROLLBACK TO SAVEPOINT create_account`);
      throw new HttpError(409, 'CONFLICT', `account name ${JSON.stringify(input.account)} is taken (or the id is)`);
    }
    throw error;
  }
  await appendChanges(tx, 'users', [id], serverMeta);
  return id;
}

export interface AccountChanges {
  displayName?: string;
  roles?: Role[];
  department?: string;
  licenceNo?: string;
  suspended?: boolean;
  passwordHash?: string;
}

/**
 * Changes an account and publishes the new row. A change of department or roles changes what the
 * user may see, so it bumps `scope_epoch`: that user's devices backfill at their next pull.
 * Suspension and a password reset end the user's tokens at once and revoke the account's
 * offline verifiers, which devices delete at their next contact (offlineVerifiers.ts); suspension
 * also revokes the account's signing certificates (signing/certificates.ts).
 */
export async function updateAccount(tx: Queryable, id: string, changes: AccountChanges): Promise<AccountRecord> {
  const current = await tx.query<AccountRecord>(`SELECT ${columns} FROM users WHERE id = $1 FOR UPDATE`, [id]);
  const before = current[0];
  if (!before) throw new HttpError(404, 'NOT_FOUND', 'no such account');
  const after = { ...before, ...changes };
  const scopeChanged = after.department !== before.department || [...after.roles].sort().join() !== [...before.roles].sort().join();
  await tx.query(
    `UPDATE users SET display_name = $2, roles = $3, department = $4, licence_no = $5, suspended = $6,
       password_hash = $7, scope_epoch = scope_epoch + $8 WHERE id = $1`,
    [id, after.displayName, after.roles, after.department, after.licenceNo, after.suspended, after.passwordHash, scopeChanged ? 1 : 0],
  );
  if (after.suspended && !before.suspended) {
    await tx.query(`UPDATE tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
    await revokeOfflineVerifiers(tx, id, 'suspended');
    await revokeCertificatesOf(tx, id);
  }
  // A reset is for a password someone else may know: their sessions end with it, and a verifier
  // made from the old password would keep it valid offline, so every device drops its own.
  // The admin knows it too, so the account chooses its own at its next sign-in (passwordChange.ts).
  if (changes.passwordHash !== undefined) {
    await tx.query(`UPDATE users SET must_change_password = true WHERE id = $1`, [id]);
    await tx.query(`UPDATE tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
    await revokeOfflineVerifiers(tx, id, 'password-reset');
  }
  await appendChanges(tx, 'users', [id], serverMeta);
  return { ...after, scopeEpoch: before.scopeEpoch + (scopeChanged ? 1 : 0), mustChangePassword: before.mustChangePassword || changes.passwordHash !== undefined };
}
