import { auditCsv } from '../../../shared/audit/csv';
import { auditQueryString, AuditQueryResponse, maxAuditPageSize, type AuditQuery, type AuditEventView } from '../../../shared/audit/query';
import { auditSubject } from '../../../shared/audit/subjects';
import { maxAuditExportRows, type AuditExport } from '../../../shared/ipc/auditChannels';
import { AppFailure } from '../../../shared/result';
import type { Actor, AuditLog } from '../store/audit';
import type { Db } from '../store/database';
import { OfflineError, ServerRefusal, type ServerClient } from '../sync/serverClient';
import type { SyncStateTable } from '../sync/syncState';

/** The filters, without paging: what an audit entry about a query or an export records. */
const filtersOf = ({ page: _, pageSize: __, ...filters }: AuditQuery) => filters;

/**
 * The admin's audit view on the workstation (issue 12): the trail of every device is the
 * server's, asked with the admin's token. Looking at the trail is itself audited here, in the
 * chain that goes to the server: a query names the patient it was about, an export what it held.
 */
export function auditView(deps: { db: Db; audit: AuditLog; client: ServerClient | null; state: SyncStateTable | null }) {
  async function fetchPage(userId: string, query: AuditQuery): Promise<AuditQueryResponse> {
    const { client, state } = deps;
    if (!client || !state) throw unreachable('no hospital server is configured on this workstation');
    const token = state.token(userId)?.token;
    if (!token) throw unreachable('you signed in while the server was unreachable; sign in again online');
    try {
      return await client.call('GET', `/admin/audit/events${auditQueryString(query)}`, AuditQueryResponse, { token });
    } catch (error) {
      if (error instanceof OfflineError) throw unreachable(error.reason);
      if (error instanceof ServerRefusal && (error.code === 'FORBIDDEN' || error.code === 'INVALID_REQUEST')) throw new AppFailure(error.code, error.message);
      throw error;
    }
  }
  const related = (query: AuditQuery) => (query.patientId === undefined ? [] : [auditSubject('patient', query.patientId)]);

  return {
    async query(actor: Actor, query: AuditQuery): Promise<AuditQueryResponse> {
      const page = await fetchPage(actor.userId, query);
      deps.audit.append(actor, 'audit.query', auditSubject('search', 'audit'), { filters: filtersOf(query), page: query.page, shown: page.events.length }, related(query));
      return page;
    },

    /** Every matching event up to `maxAuditExportRows`, as CSV; the export and its size are audited. */
    async exportCsv(actor: Actor, query: AuditQuery): Promise<AuditExport> {
      const events: AuditEventView[] = [];
      let more = true;
      for (let page = 1; more && events.length < maxAuditExportRows; page++) {
        const answer = await fetchPage(actor.userId, { ...query, page, pageSize: maxAuditPageSize });
        events.push(...answer.events);
        more = answer.more;
      }
      const rows = events.slice(0, maxAuditExportRows);
      const truncated = more || events.length > maxAuditExportRows;
      deps.audit.append(actor, 'audit.export', auditSubject('export', 'audit-csv'), { filters: filtersOf(query), rows: rows.length, truncated }, related(query));
      return { csv: auditCsv(rows), rows: rows.length, truncated };
    },
  };
}
export type AuditView = ReturnType<typeof auditView>;

const unreachable = (reason: string) =>
  new AppFailure('SERVER_UNREACHABLE', `The hospital server cannot be reached (${reason}). The audit trail of all devices is kept there.`);
