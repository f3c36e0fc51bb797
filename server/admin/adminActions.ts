import { randomUUID } from 'node:crypto';
import type { Authenticated } from '../auth/tokens';
import type { Queryable } from '../db/types';

/**
 * Every admin action, recorded on the server in the transaction that makes it (issue 12: "Every
 * admin action is itself audited"): which admin, from which device their token is bound to, at the
 * server's time, what was done to what. `detail` names what changed, never a password or a hash.
 * Subjects follow the audit trail's one format: `user:<id>`, `device:<id>`, `setting:<key>`, `formulary`.
 */
export async function recordAdminAction(
  tx: Queryable,
  auth: Authenticated,
  at: Date,
  action: string,
  subject: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await tx.query(
    `INSERT INTO admin_actions (id, at, admin_id, device_id, action, subject, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [randomUUID(), at, auth.user.id, auth.deviceId, action, subject, JSON.stringify(detail)],
  );
}

export interface AdminActionRecord {
  at: string;
  adminId: string;
  deviceId: string;
  action: string;
  subject: string;
  detail: Record<string, unknown>;
}

/** The newest first, for the console and its tests. */
export async function listAdminActions(q: Queryable, limit: number): Promise<AdminActionRecord[]> {
  const rows = await q.query<{ at: Date | string; admin_id: string; device_id: string; action: string; subject: string; detail: Record<string, unknown> }>(
    `SELECT at, admin_id, device_id, action, subject, detail FROM admin_actions ORDER BY seq DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({ at: new Date(r.at).toISOString(), adminId: r.admin_id, deviceId: r.device_id, action: r.action, subject: r.subject, detail: r.detail }));
}
