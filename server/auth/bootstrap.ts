import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { BootstrapAdminRequest } from '../../shared/sync/auth';
import type { Database } from '../db/types';
import { HttpError } from '../http/errors';
import { createAccount } from './accounts';
import { registerDevice, parsePublicKey } from './devices';
import { hashPassword } from '../../common/auth/password';
import { sha256 } from './tokens';

const codeTtlMs = 24 * 60 * 60_000;

export async function adminExists(db: Database): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM users WHERE 'admin' = ANY (roles) LIMIT 1`);
  return rows.length > 0;
}

/**
 * `caredesk server --init-admin`: a one-time code, printed on the server's console, that lets whoever
 * can read that console create the first admin. Only its hash is stored; it expires in a day.
 * Returns null when an admin already exists (bootstrap is closed for good).
 */
export async function createBootstrapCode(db: Database, now: Date): Promise<string | null> {
  if (await adminExists(db)) return null;
  const raw = randomBytes(10).toString('base64url').toUpperCase().replace(/[^A-Z0-9]/g, 'X').slice(0, 12);
  const code = `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
  await db.query(`INSERT INTO bootstrap_codes (code_hash, expires_at) VALUES ($1, $2)`, [sha256(code), new Date(now.getTime() + codeTtlMs)]);
  return code;
}

/** Creates the first admin and approves the device they bootstrap from, in one transaction. */
export async function bootstrapAdmin(
  db: Database,
  request: z.infer<typeof BootstrapAdminRequest>,
  now: Date,
  hashParams?: Parameters<typeof hashPassword>[1],
) {
  parsePublicKey(request.device.publicKey);
  const passwordHash = await hashPassword(request.password, hashParams);
  return db.transaction(async (tx) => {
    // Two bootstraps at once must not make two first admins.
    await tx.query(`SELECT pg_advisory_xact_lock(7242002)`);
    const closed = await tx.query(`SELECT 1 FROM users WHERE 'admin' = ANY (roles) LIMIT 1`);
    if (closed.length > 0) throw new HttpError(403, 'BOOTSTRAP_CLOSED', 'an admin already exists; ask them for an account');
    const used = await tx.query(
      `UPDATE bootstrap_codes SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING code_hash`,
      [sha256(request.code.trim().toUpperCase()), now],
    );
    if (used.length === 0) throw new HttpError(403, 'BOOTSTRAP_CLOSED', 'the bootstrap code is wrong, used or expired; restart the server with --init-admin for a new one');
    const userId = await createAccount(tx, {
      account: request.account, passwordHash, displayName: request.displayName, roles: ['admin'], department: 'admin', licenceNo: '-',
    });
    const device = await registerDevice(tx, request.device, { by: userId });
    return { userId, deviceId: device.id };
  });
}
