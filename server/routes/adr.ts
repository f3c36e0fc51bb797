import type { FastifyInstance } from 'fastify';
import { AdrExportQuery, adrReportsCsv } from '../../shared/adr/reportCsv';
import { recordAdminAction } from '../admin/adminActions';
import { adrExportRows } from '../adr/reportExport';
import { authOf } from '../http/access';
import type { ServerDeps } from '../http/deps';
import { parse } from '../http/errors';

/**
 * Adverse drug reaction reports for the hospital's pharmacovigilance staff: the CSV in the fields of
 * the national report form (shared/adr/reportCsv.ts). Patient data leaving the server, so every
 * export is an audited admin action, recorded in the transaction that reads the reports.
 */
export function adrRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.get('/admin/adr/reports.csv', async (request, reply) => {
    const auth = authOf(request);
    const query = parse(AdrExportQuery, request.query, 'query');
    const csv = await deps.db.transaction(async (tx) => {
      const rows = await adrExportRows(tx, query);
      await recordAdminAction(tx, auth, deps.now(), 'adr.export', 'adr_reports', {
        from: query.from ?? null, to: query.to ?? null, reports: rows.length, ids: rows.map((r) => r.id),
      });
      return adrReportsCsv(rows);
    });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="adr-reports-${query.from ?? 'start'}-${query.to ?? 'now'}.csv"`)
      .send(csv);
  });
}
