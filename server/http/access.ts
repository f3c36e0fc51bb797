import type { FastifyInstance, FastifyRequest } from 'fastify';
import { digestHeader, proofHeader } from '../../shared/sync/proof';
import { verifyRequestProof } from '../auth/requestProof';
import { authenticateToken, type Authenticated } from '../auth/tokens';
import { receivedDigestOf } from './bodyDigest';
import type { ServerDeps } from './deps';
import { HttpError } from './errors';
import { accessOf, servesPasswordChange } from './routeAccess';

const authenticated = new WeakMap<FastifyRequest, Authenticated>();

/**
 * Applies the role matrix (`routeAccess.ts`) to every route, so no handler decides who may call it:
 * - at start-up, a route missing from the matrix stops the server;
 * - before the body is read (onRequest), a non-public route needs a live token of an allowed role,
 *   so a stranger's large body is never parsed and a wrong role is refused before validation;
 * - before the handler (preHandler, over the body received), the token's device must have signed
 *   this very request (auth/requestProof.ts; issue 8, item 10).
 * Call before registering routes.
 */
export function installAccessControl(app: FastifyInstance, deps: ServerDeps): void {
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (!accessOf(method, route.url)) throw new Error(`${method} ${route.url} has no entry in server/http/routeAccess.ts`);
    }
  });
  app.addHook('onRequest', async (request) => {
    const access = routeAccessOf(request);
    if (access === undefined || access === 'public') return;
    const auth = await authenticateToken(deps.db, request.headers.authorization, deps.now());
    if (auth.purpose === 'password-change' && !servesPasswordChange(request.method, request.routeOptions.url!)) {
      throw new HttpError(403, 'PASSWORD_CHANGE_REQUIRED', 'this account must choose a new password first: POST /auth/password');
    }
    if (access !== 'signed-in' && !auth.user.roles.some((role) => access.includes(role))) {
      throw new HttpError(403, 'FORBIDDEN', `this needs one of the roles: ${access.join(', ')}`);
    }
    authenticated.set(request, auth);
  });
  app.addHook('preHandler', async (request) => {
    const auth = authenticated.get(request);
    if (!auth) return;
    await verifyRequestProof(
      deps.db,
      {
        method: request.method,
        pathWithQuery: request.url,
        proof: single(request.headers[proofHeader]),
        contentDigest: single(request.headers[digestHeader]),
        receivedDigest: receivedDigestOf(request),
        tokenDigest: auth.tokenDigest,
      },
      { id: auth.deviceId, publicKey: auth.devicePublicKey },
      deps.now(),
    );
  });
}

/** Who is calling a non-public route: its token, user and device, already checked by the hooks above. */
export function authOf(request: FastifyRequest): Authenticated {
  const auth = authenticated.get(request);
  if (!auth) throw new Error(`${request.method} ${request.routeOptions.url} is public in routeAccess.ts but its handler asks who is calling`);
  return auth;
}

const routeAccessOf = (request: FastifyRequest) => (request.routeOptions.url === undefined ? undefined : accessOf(request.method, request.routeOptions.url));
const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value.join(',') : value);
