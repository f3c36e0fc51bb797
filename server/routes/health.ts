import type { FastifyInstance } from 'fastify';
import { schemaVersion } from '../db/migrate';
import type { ServerDeps } from '../http/deps';

/** `GET /health`: the process answers and the database does too. No auth; says nothing private. */
export function healthRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.get('/health', async (_request, reply) => {
    try {
      return { status: 'ok', database: deps.db.kind, schemaVersion: await schemaVersion(deps.db) };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: deps.db.kind });
    }
  });
}
