import type { FastifyInstance } from 'fastify';
import { CreateAccountRequest, IdParams, UpdateAccountRequest, type AdminAccountView } from '../../shared/sync/admin';
import type { ReviewerQualification } from '../../shared/review/wire';
import { recordAdminAction } from '../admin/adminActions';
import { accountView, createAccount, findAccountById, listAccounts, updateAccount, type AccountRecord } from '../auth/accounts';
import { decideDevice, listDevices, type DeviceRecord } from '../auth/devices';
import { revokeOfflineVerifiers } from '../auth/offlineVerifiers';
import { hashPassword } from '../../common/auth/password';
import type { Queryable } from '../db/types';
import { authOf } from '../http/access';
import type { ServerDeps } from '../http/deps';
import { HttpError, parse } from '../http/errors';
import { qualificationOf, setQualification } from '../review/qualification';
import { importTemplate } from '../emr/templateImport';
import { importFormulary, listFormulary } from '../rx/formulary';

const deviceView = (d: DeviceRecord) => ({
  id: d.id, name: d.name, status: d.status, registeredAt: new Date(d.registeredAt).toISOString(), decidedBy: d.decidedBy,
});

async function adminAccountView(q: Queryable, account: AccountRecord): Promise<AdminAccountView> {
  return { ...accountView(account), reviewer: await qualificationOf(q, account.id) };
}

/** Only a pharmacist is a reviewer (《医疗机构处方审核规范》第五条): refused, not silently dropped. */
function checkReviewer(roles: readonly string[], reviewer: ReviewerQualification | null | undefined): void {
  if (reviewer && !roles.includes('pharmacist')) {
    throw new HttpError(400, 'INVALID_REQUEST', 'invalid body: reviewer: only a pharmacist can hold a reviewer qualification');
  }
}

/**
 * Accounts, devices and the hospital formulary; admin role only. Each change is recorded in
 * admin_actions (server/admin/adminActions.ts) in the transaction that makes it.
 */
export function adminRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.get('/admin/devices', async () => {
    return { devices: (await listDevices(deps.db)).map(deviceView) };
  });

  for (const [action, decision] of [['approve', 'approved'], ['revoke', 'revoked']] as const) {
    app.post(`/admin/devices/:id/${action}`, async (request) => {
      const auth = authOf(request);
      const { id } = parse(IdParams, request.params, 'path');
      // The admin's own workstation would lock them out of the console it is used from.
      if (decision === 'revoked' && id === auth.deviceId) throw new HttpError(409, 'CONFLICT', 'this is the device you are signed in on; revoke it from another one');
      const device = await deps.db.transaction(async (tx) => {
        const decided = await decideDevice(tx, id, decision, auth.user.id);
        await recordAdminAction(tx, auth, deps.now(), `device.${action}`, `device:${id}`, { name: decided.name });
        return decided;
      });
      return { device: deviceView(device) };
    });
  }

  app.get('/admin/accounts', async () => {
    const accounts = await listAccounts(deps.db);
    return { accounts: await Promise.all(accounts.map((a) => adminAccountView(deps.db, a))) };
  });

  app.post('/admin/accounts', async (request, reply) => {
    const auth = authOf(request);
    const { reviewer, password, ...body } = parse(CreateAccountRequest, request.body, 'body');
    checkReviewer(body.roles, reviewer);
    const passwordHash = await hashPassword(password, deps.hashParams);
    const created = await deps.db.transaction(async (tx) => {
      const id = await createAccount(tx, { ...body, passwordHash, mustChangePassword: true });
      if (reviewer) await setQualification(tx, id, reviewer);
      await recordAdminAction(tx, auth, deps.now(), 'account.create', `user:${id}`, { ...body, reviewer: reviewer ?? null });
      return adminAccountView(tx, (await findAccountById(tx, id))!);
    });
    return reply.status(201).send({ account: created });
  });

  app.patch('/admin/accounts/:id', async (request) => {
    const auth = authOf(request);
    const { id } = parse(IdParams, request.params, 'path');
    const { password, reviewer, ...body } = parse(UpdateAccountRequest, request.body, 'body');
    // An admin who suspends themselves, or drops their own admin role, leaves the console.
    if (id === auth.user.id && (body.suspended === true || (body.roles && !body.roles.includes('admin')))) {
      throw new HttpError(409, 'CONFLICT', 'you cannot suspend your own account or remove your own admin role; another administrator can');
    }
    const passwordHash = password === undefined ? undefined : await hashPassword(password, deps.hashParams);
    const updated = await deps.db.transaction(async (tx) => {
      const before = await findAccountById(tx, id);
      if (!before) throw new HttpError(404, 'NOT_FOUND', 'no such account');
      checkReviewer(body.roles ?? before.roles, reviewer ?? (await qualificationOf(tx, id)));
      const after = await updateAccount(tx, id, passwordHash ? { ...body, passwordHash } : body);
      if (reviewer !== undefined) await setQualification(tx, id, reviewer);
      const action = body.suspended === true && !before.suspended ? 'account.suspend' : body.suspended === false && before.suspended ? 'account.reinstate' : 'account.update';
      // What changed, never the password: a reset is named, its value is not.
      await recordAdminAction(tx, auth, deps.now(), action, `user:${id}`, {
        ...body, ...(reviewer === undefined ? {} : { reviewer }), ...(password === undefined ? {} : { passwordReset: true }),
      });
      return { view: await adminAccountView(tx, after), scopeEpoch: after.scopeEpoch };
    });
    return { account: updated.view, scopeEpoch: updated.scopeEpoch };
  });

  app.post('/admin/accounts/:id/revoke-offline', async (request) => {
    const auth = authOf(request);
    const { id } = parse(IdParams, request.params, 'path');
    if (!(await findAccountById(deps.db, id))) throw new HttpError(404, 'NOT_FOUND', 'no such account');
    return {
      revoked: await deps.db.transaction(async (tx) => {
        const revoked = await revokeOfflineVerifiers(tx, id, 'admin');
        await recordAdminAction(tx, auth, deps.now(), 'account.revoke-offline', `user:${id}`, { revoked });
        return revoked;
      }),
    };
  });

  app.get('/admin/formulary', async () => {
    return { entries: await listFormulary(deps.db) };
  });

  // A whole hospital formulary is larger than any sync request; the access hooks check the token
  // and role before that body is read (http/access.ts).
  app.put('/admin/formulary', { bodyLimit: formularyBodyLimit }, async (request) => {
    const auth = authOf(request);
    return importFormulary(deps.db, request.body, auth.user.id, deps.now(), (tx, summary) =>
      recordAdminAction(tx, auth, deps.now(), 'formulary.import', 'formulary', { changed: summary.changed, listed: summary.listed, withdrawn: summary.withdrawn }),
    );
  });

  // A record template (issue 11): a Questionnaire, a ValueSet, or a Bundle of them; larger than a sync request too.
  app.put('/admin/templates', { bodyLimit: formularyBodyLimit }, async (request) => {
    const auth = authOf(request);
    return importTemplate(deps.db, request.body, auth.user.id, deps.now(), (tx, summary) =>
      recordAdminAction(tx, auth, deps.now(), 'template.import', 'templates', { imported: summary.imported, unchanged: summary.unchanged }),
    );
  });
}

const formularyBodyLimit = 32 * 1024 * 1024;
