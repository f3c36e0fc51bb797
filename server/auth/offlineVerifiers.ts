import type { Queryable } from '../db/types';
import type { AccountRecord } from './accounts';

/**
 * Which device may hold an offline verifier for which account (issue 8, item 9; DESIGN.md "Trust").
 * The verifier itself is made on the workstation from the password it just sent, never from the
 * server's hash, and never leaves it; the server only records the grant, so it can take it back.
 */
export type VerifierRevocation = 'suspended' | 'password-reset' | 'admin';

/**
 * Records the grant at token issue; returns whether the device may keep a verifier. Admin accounts
 * get none: admin sign-in always needs the server, so a stolen workstation holds nothing to crack.
 */
export async function grantOfflineVerifier(q: Queryable, deviceId: string, account: AccountRecord, now: Date): Promise<boolean> {
  if (account.roles.includes('admin')) return false;
  await q.query(
    `INSERT INTO offline_verifiers (device_id, user_id, granted_at) VALUES ($1, $2, $3)
     ON CONFLICT (device_id, user_id) DO UPDATE SET granted_at = excluded.granted_at, revoked_at = NULL, revoked_reason = NULL`,
    [deviceId, account.id, now],
  );
  return true;
}

/** Revokes every device's verifier for the account; returns how many were live. */
export async function revokeOfflineVerifiers(q: Queryable, userId: string, reason: VerifierRevocation): Promise<number> {
  const revoked = await q.query(
    `UPDATE offline_verifiers SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL RETURNING device_id`,
    [userId, reason],
  );
  return revoked.length;
}

/** The accounts this device may hold a verifier for; the device deletes every other one it has. */
export async function liveOfflineVerifiers(q: Queryable, deviceId: string): Promise<string[]> {
  const rows = await q.query<{ user_id: string }>(
    `SELECT v.user_id FROM offline_verifiers v JOIN users u ON u.id = v.user_id
      WHERE v.device_id = $1 AND v.revoked_at IS NULL AND NOT u.suspended ORDER BY v.user_id`,
    [deviceId],
  );
  return rows.map((row) => row.user_id);
}
