import type { FastifyInstance } from 'fastify';
import { AuditUploadRequest } from '../../shared/audit/chain';
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
}
