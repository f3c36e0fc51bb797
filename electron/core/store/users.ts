import { z } from 'zod';
import { Role } from '../../../shared/domain/roles';
import type { AccountView } from '../../../shared/sync/auth';
import type { Db } from './database';

/** An account as the server shows it. Passwords check offline against offlineVerifiers.ts, not here. */
export type UserRow = AccountView;

const RolesJson = z.array(Role);

/**
 * Accounts cached from the hospital server. `password_hash` is retired (migration 007): always ''.
 */
export function usersTable(db: Db) {
  const byAccount = db.prepare<[string], Record<string, unknown>>(
    `SELECT id, account, display_name, roles, department, licence_no, suspended FROM users WHERE account = ?`,
  );
  const byId = db.prepare<[string], Record<string, unknown>>(
    `SELECT id, account, display_name, roles, department, licence_no, suspended FROM users WHERE id = ?`,
  );
  const all = db.prepare<[], Record<string, unknown>>(
    `SELECT id, account, display_name, roles, department, licence_no, suspended FROM users ORDER BY account`,
  );
  const upsert = db.prepare(
    `INSERT INTO users (id, account, display_name, roles, department, licence_no, password_hash, suspended)
     VALUES (@id, @account, @displayName, @roles, @department, @licenceNo, '', @suspended)
     ON CONFLICT (id) DO UPDATE SET account = excluded.account, display_name = excluded.display_name,
       roles = excluded.roles, department = excluded.department, licence_no = excluded.licence_no,
       suspended = excluded.suspended`,
  );
  return {
    byAccount(account: string): UserRow | null {
      const row = byAccount.get(account);
      return row ? toUser(row) : null;
    },
    byId(id: string): UserRow | null {
      const row = byId.get(id);
      return row ? toUser(row) : null;
    },
    all: (): UserRow[] => all.all().map(toUser),
    upsert(user: UserRow): void {
      upsert.run({ ...user, roles: JSON.stringify(user.roles), suspended: user.suspended ? 1 : 0 });
    },
  };
}
export type UsersTable = ReturnType<typeof usersTable>;

function toUser(row: Record<string, unknown>): UserRow {
  return {
    id: String(row.id),
    account: String(row.account),
    displayName: String(row.display_name),
    roles: RolesJson.parse(JSON.parse(String(row.roles))),
    department: String(row.department),
    licenceNo: String(row.licence_no),
    suspended: row.suspended === 1,
  };
}
