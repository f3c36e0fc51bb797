import type { FastifyInstance } from 'fastify';
import { BootstrapAdminRequest, ChallengeRequest, RegisterDeviceRequest, TokenRequest } from '../../shared/sync/auth';
import { ChangePasswordRequest } from '../../shared/sync/passwordChange';
import { accountView } from '../auth/accounts';
import { changeOwnPassword } from '../auth/passwordChange';
import { bootstrapAdmin } from '../auth/bootstrap';
import { registerDevice } from '../auth/devices';
import { liveOfflineVerifiers } from '../auth/offlineVerifiers';
import { issueChallenge, issueToken, revokeToken } from '../auth/tokens';
import { authOf } from '../http/access';
import type { ServerDeps } from '../http/deps';
import { parse } from '../http/errors';

/** Devices, sign-in and bootstrap: the only routes besides health that take no token. */
export function authRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.post('/devices/register', async (request, reply) => {
    const body = parse(RegisterDeviceRequest, request.body, 'body');
    const device = await registerDevice(deps.db, body, deps.autoApproveDevices ? { by: null } : null);
    return reply.status(201).send({ deviceId: device.id, status: device.status });
  });

  app.post('/auth/challenge', async (request) => {
    const body = parse(ChallengeRequest, request.body, 'body');
    return issueChallenge(deps.db, body.deviceId, deps.now());
  });

  app.post('/auth/token', async (request) => {
    const body = parse(TokenRequest, request.body, 'body');
    const { token, expiresAt, account, offlineVerifier, passwordChangeRequired } = await issueToken(deps.db, body, deps.now(), deps.tokenTtlMs);
    return { token, expiresAt, user: accountView(account), offlineVerifier, passwordChangeRequired };
  });

  app.get('/auth/me', (request) => {
    const auth = authOf(request);
    return { user: accountView(auth.user), deviceId: auth.deviceId, scopeEpoch: auth.user.scopeEpoch };
  });

  // The accounts this device may keep an offline verifier for (offlineVerifiers.ts): asked at every
  // contact, so a suspension, a password reset or an admin's revocation reaches the device.
  app.get('/auth/offline-verifiers', async (request) => {
    const auth = authOf(request);
    return { accounts: await liveOfflineVerifiers(deps.db, auth.deviceId) };
  });

  app.post('/auth/logout', async (request, reply) => {
    const auth = authOf(request);
    await revokeToken(deps.db, auth.tokenHash);
    return reply.status(204).send();
  });

  app.post('/auth/password', async (request) => {
    const body = parse(ChangePasswordRequest, request.body, 'body');
    return changeOwnPassword(deps, authOf(request), body);
  });

  app.post('/bootstrap/admin', async (request, reply) => {
    const body = parse(BootstrapAdminRequest, request.body, 'body');
    return reply.status(201).send(await bootstrapAdmin(deps.db, body, deps.now(), deps.hashParams));
  });
}
