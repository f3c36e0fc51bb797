import type { FastifyInstance } from 'fastify';
import { CreateAccountRequest, IdParams, UpdateAccountRequest } from '../../shared/sync/admin';
import { accountView, createAccount, findAccountById, listAccounts, updateAccount } from '../auth/accounts';
import { decideDevice, listDevices, type DeviceRecord } from '../auth/devices';
import { revokeOfflineVerifiers } from '../auth/offlineVerifiers';
import { hashPassword } from '../../common/auth/password';
import { authOf } from '../http/access';
import type { ServerDeps } from '../http/deps';
import { HttpError, parse } from '../http/errors';
import { importFormulary, listFormulary } from '../rx/formulary';

const deviceView = (d: DeviceRecord) => ({
  id: d.id, name: d.name, status: d.status, registeredAt: new Date(d.registeredAt).toISOString(), decidedBy: d.decidedBy,
});

/** Accounts, devices and the hospital formulary; admin role only. */
export function adminRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.get('/admin/devices', async () => {
    return { devices: (await listDevices(deps.db)).map(deviceView) };
  });

  for (const [action, decision] of [['approve', 'approved'], ['revoke', 'revoked']] as const) {
    app.post(`/admin/devices/:id/${action}`, async (request) => {
      const auth = authOf(request);
      const { id } = parse(IdParams, request.params, 'path');
      const device = await deps.db.transaction((tx) => decideDevice(tx, id, decision, auth.user.id));
      return { device: deviceView(device) };
    });
  }

  app.get('/admin/accounts', async () => {
    return { accounts: (await listAccounts(deps.db)).map(accountView) };
  });

  app.post('/admin/accounts', async (request, reply) => {
    const body = parse(CreateAccountRequest, request.body, 'body');
    const passwordHash = await hashPassword(body.password, deps.hashParams);
    const id = await deps.db.transaction((tx) => createAccount(tx, { ...body, passwordHash }));
    const created = await findAccountById(deps.db, id);
    return reply.status(201).send({ account: created && accountView(created) });
  });

  app.patch('/admin/accounts/:id', async (request) => {
    const { id } = parse(IdParams, request.params, 'path');
    const { password, ...body } = parse(UpdateAccountRequest, request.body, 'body');
    const passwordHash = password === undefined ? undefined : await hashPassword(password, deps.hashParams);
    const updated = await deps.db.transaction((tx) => updateAccount(tx, id, passwordHash ? { ...body, passwordHash } : body));
    return { account: accountView(updated), scopeEpoch: updated.scopeEpoch };
  });

  app.post('/admin/accounts/:id/revoke-offline', async (request) => {
    const { id } = parse(IdParams, request.params, 'path');
    if (!(await findAccountById(deps.db, id))) throw new HttpError(404, 'NOT_FOUND', 'no such account');
    return { revoked: await deps.db.transaction((tx) => revokeOfflineVerifiers(tx, id, 'admin')) };
  });

  app.get('/admin/formulary', async () => {
    return { entries: await listFormulary(deps.db) };
  });

  // A whole hospital formulary is larger than any sync request; the access hooks check the token
  // and role before that body is read (http/access.ts).
  app.put('/admin/formulary', { bodyLimit: formularyBodyLimit }, async (request) => {
    const auth = authOf(request);
    return importFormulary(deps.db, request.body, auth.user.id, deps.now());
  });
}

const formularyBodyLimit = 32 * 1024 * 1024;
