import type { FastifyInstance } from 'fastify';
import { PullQuery, PushRequest } from '../../shared/sync/wire';
import { pullChanges } from '../feed/pull';
import { authOf } from '../http/access';
import type { ServerDeps } from '../http/deps';
import { parse } from '../http/errors';
import { pushBatch } from '../sync/push';

/** The sync protocol (shared/sync/wire.ts). Any signed-in user on an approved device. */
export function syncRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.post('/sync/push', async (request) => {
    const auth = authOf(request);
    const body = parse(PushRequest, request.body, 'body');
    return pushBatch(deps.db, auth, body, deps.now, { faceTemplateKey: deps.faceTemplateKey });
  });

  app.get('/sync/pull', async (request) => {
    const auth = authOf(request);
    const query = parse(PullQuery, request.query, 'query');
    const { user } = auth;
    return pullChanges(deps.db, { userId: user.id, deviceId: auth.deviceId, roles: user.roles, department: user.department, scopeEpoch: user.scopeEpoch, now: deps.now() }, query, deps.faceTemplateKey);
  });
}
