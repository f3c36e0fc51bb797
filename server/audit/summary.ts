import type { AuditDeviceSummary } from '../../shared/audit/chain';
import type { Queryable } from '../db/types';

/**
 * Per device: how much of its workstation's audit chain the server holds, and where it ends.
 * Held chains are gapless from entry 1, so `entries` equals `lastSeq`; both are shown, and a
 * difference would mean rows were removed behind the server's back.
 */
export async function auditSummaries(q: Queryable): Promise<AuditDeviceSummary[]> {
  return q.query<AuditDeviceSummary>(
    `SELECT d.id AS "deviceId", d.name AS "deviceName", first.installation_id AS "installationId",
            (SELECT count(*)::int FROM audit_entries c WHERE c.device_id = d.id) AS entries,
            last.seq AS "lastSeq", last.hash AS "lastHash"
       FROM devices d
       JOIN audit_entries first ON first.device_id = d.id AND first.seq = 1
       JOIN LATERAL (SELECT seq, hash FROM audit_entries l WHERE l.device_id = d.id ORDER BY seq DESC LIMIT 1) last ON true
      ORDER BY d.registered_at, d.id`,
  );
}
