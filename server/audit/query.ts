import { subjectOf } from '../../shared/audit/subjects';
import type { AuditEventView, AuditQuery, AuditQueryResponse } from '../../shared/audit/query';
import type { Queryable, SqlValue } from '../db/types';

/**
 * The admin's audit query over every device's held trail (issue 12), newest first. Filters are
 * bound parameters, never spliced text; a patient is found through the subjects indexed on upload
 * (migration 015), so a search page that showed the patient is found as well as a chart open.
 * Purged entries (past retention) have no content left to show and are not listed.
 */
export async function queryAuditEvents(q: Queryable, query: AuditQuery): Promise<AuditQueryResponse> {
  const where: string[] = ['e.purged_at IS NULL'];
  const params: SqlValue[] = [];
  const bind = (value: SqlValue) => `$${params.push(value)}`;
  if (query.patientId !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM audit_subjects s WHERE s.device_id = e.device_id AND s.seq = e.seq AND s.subject = ${bind(subjectOf.patient(query.patientId))})`);
  }
  if (query.userId !== undefined) where.push(`e.user_id = ${bind(query.userId)}`);
  if (query.deviceId !== undefined) where.push(`e.device_id = ${bind(query.deviceId)}`);
  if (query.action !== undefined) where.push(`e.action = ${bind(query.action)}`);
  // Entries carry their workstation's ISO time in UTC (toISOString), so text order is time order.
  if (query.from !== undefined) where.push(`e.at >= ${bind(new Date(query.from).toISOString())}`);
  if (query.to !== undefined) where.push(`e.at <= ${bind(new Date(query.to).toISOString())}`);
  const limit = bind(query.pageSize + 1);
  const offset = bind((query.page - 1) * query.pageSize);
  const rows = await q.query<AuditEventView & { detail: string }>(
    `SELECT e.device_id AS "deviceId", d.name AS "deviceName", e.seq, e.at, e.user_id AS "userId", u.account AS "userAccount",
            e.session_id AS "sessionId", e.action, e.subject, e.detail
       FROM audit_entries e
       JOIN devices d ON d.id = e.device_id
       LEFT JOIN users u ON u.id = e.user_id
      WHERE ${where.join(' AND ')}
      ORDER BY e.at DESC, e.device_id, e.seq DESC
      LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  const events = rows.slice(0, query.pageSize).map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));
  return { events, page: query.page, more: rows.length > query.pageSize };
}
