import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Database } from './db/types';
import type { HospitalCa } from './signing/ca';
import type { FaceTemplateKey } from './face/templateKey';
import type { hashPassword } from '../common/auth/password';
import { defaultTokenTtlMs } from './auth/tokens';
import { defaultAuditPurgeIntervalMs, scheduleAuditPurge } from './audit/retention';
import type { ServerDeps } from './http/deps';
import { installAccessControl } from './http/access';
import { keepBodyDigests } from './http/bodyDigest';
import { installErrorHandling } from './http/errors';
import { adminRoutes } from './routes/admin';
import { adminSettingsRoutes } from './routes/adminSettings';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { healthRoutes } from './routes/health';
import { reviewRoutes } from './routes/review';
import { signingRoutes } from './routes/signing';
import { adrRoutes } from './routes/adr';
import { syncRoutes } from './routes/sync';

export interface BuildServerOptions {
  db: Database;
  /** Fastify/pino logger options, or false. Request logs carry method, path and status only. */
  logger?: FastifyServerOptions['logger'];
  /** The server's clock (tests move it); the only clock that orders anything. */
  now?: () => Date;
  /** PEM certificate and key: serve HTTPS. Required off loopback (see cli.ts). */
  tls?: { cert: string | Buffer; key: string | Buffer };
  tokenTtlMs?: number;
  hashParams?: Parameters<typeof hashPassword>[1];
  /** Demo servers only (the CLI allows it on loopback): approve devices as they register. */
  autoApproveDevices?: boolean;
  /** The hospital CA (signing/ca.ts): the hospital's key file in production, `testCa` in tests and the demo. */
  ca: HospitalCa;
  /**
   * The key roaming face templates are encrypted with (face/templateKey.ts): the hospital's key
   * file in production, `testFaceTemplateKey` in tests and the demo. Absent: templates do not roam.
   */
  faceTemplateKey?: FaceTemplateKey;
  /** How often the audit retention purge runs (server/audit/retention.ts); null: not scheduled (tests run it by hand). */
  auditPurgeIntervalMs?: number | null;
  /** Largest accepted request body; a full push batch of 500 mutations fits with room to spare. */
  bodyLimit?: number;
}

export const defaultBodyLimit = 4 * 1024 * 1024;

export function buildServer(options: BuildServerOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? defaultBodyLimit,
    // Patient data travels in bodies and queries: Fastify's own request log prints the full URL,
    // so it is replaced by the hooks below, which log method, path (ids at most) and status.
    logController: new LogController({ disableRequestLogging: true }),
    ...(options.tls ? { https: { cert: options.tls.cert, key: options.tls.key } } : {}),
    // One type for HTTP and HTTPS instances: the routes use nothing specific to either.
  }) as unknown as FastifyInstance;
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ method: request.method, path: request.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });
  const deps: ServerDeps = {
    db: options.db,
    now: options.now ?? (() => new Date()),
    tokenTtlMs: options.tokenTtlMs ?? defaultTokenTtlMs,
    hashParams: options.hashParams,
    autoApproveDevices: options.autoApproveDevices ?? false,
    ca: options.ca,
    faceTemplateKey: options.faceTemplateKey ?? null,
  };
  installErrorHandling(app);
  keepBodyDigests(app);
  installAccessControl(app, deps);
  healthRoutes(app, deps);
  authRoutes(app, deps);
  adminRoutes(app, deps);
  adminSettingsRoutes(app, deps);
  syncRoutes(app, deps);
  auditRoutes(app, deps);
  reviewRoutes(app, deps);
  signingRoutes(app, deps);
  adrRoutes(app, deps);
  const purgeEvery = options.auditPurgeIntervalMs === undefined ? defaultAuditPurgeIntervalMs : options.auditPurgeIntervalMs;
  if (purgeEvery !== null) {
    let stopPurge: (() => Promise<void>) | null = null;
    app.addHook('onReady', (done) => {
      stopPurge = scheduleAuditPurge(deps.db, deps.now, purgeEvery, app.log);
      done();
    });
    app.addHook('onClose', async () => {
      await stopPurge?.();
    });
  }
  return app;
}
