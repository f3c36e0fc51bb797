import type { FastifyInstance } from 'fastify';
import { AuditUploadRequest } from '../../shared/audit/chain';
import { AuditQuery } from '../../shared/audit/query';
import { recordAdminAction } from '../admin/adminActions';
import { verifyHeldChains } from '../audit/heldChain';
import { runAuditPurge } from '../audit/retention';
import { queryAuditEvents } from '../audit/query';
import { auditSummaries } from '../audit/summary';
import { uploadAuditEntries } from '../audit/upload';
import { authOf } from '../http/access';
import type { ServerDeps } from '../http/deps';
import { parse } from '../http/errors';

/** Audit chains: each device uploads its own (any signed-in user on it); admins see where each stands. */
export function auditRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.post('/audit/upload', async (request) => {
    const auth = authOf(request);
    const body = parse(AuditUploadRequest, request.body, 'body');
    return uploadAuditEntries(deps.db, auth, body, deps.now());
  });

  app.get('/admin/audit', async () => {
    return { devices: await auditSummaries(deps.db) };
  });

  /** The trail of every device, filtered and paged (shared/audit/query.ts). */
  app.get('/admin/audit/events', async (request) => {
    return queryAuditEvents(deps.db, parse(AuditQuery, request.query, 'query'));
  });

  /** Each device's held copy walked again: the first broken link of each, or none. */
  app.get('/admin/audit/verify', async () => {
    return { devices: await verifyHeldChains(deps.db) };
  });

  /** The retention purge now, rather than at its next scheduled run; recorded as the admin's action. */
  app.post('/admin/audit/purge', async (request) => {
    const auth = authOf(request);
    const now = deps.now();
    return runAuditPurge(deps.db, now, { kind: 'admin', userId: auth.user.id }, (tx, report) =>
      recordAdminAction(tx, auth, now, 'audit.purge', `purge:${report.purgeId}`, { purged: report.purged, cutoff: report.cutoff, anchors: report.anchors }),
    );
  });
}
