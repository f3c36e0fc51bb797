/**
 * The audit routes' role matrix (issue 12, hardening), pinned: the admin's audit routes refuse
 * every other role and no token with a request that is otherwise valid, and a refused purge
 * writes nothing; the upload takes any signed-in device and refuses no token.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { roles, type Role } from '../../shared/domain/roles';
import { routeAccess } from '../http/routeAccess';
import { demo, TestHospital, type Workstation } from '../test-support/hospital';

let hospital: TestHospital;
const callers = new Map<Role, Workstation>();
before(async () => {
  hospital = await TestHospital.start('pglite', { patients: 2 });
  callers.set('physician', await hospital.workstation(demo.doctor.account, demo.doctor.password));
  callers.set('pharmacist', await hospital.workstation(demo.pharmacist.account, demo.pharmacist.password));
  callers.set('admin', await hospital.admin());
});
after(() => hospital.stop());

const auditRoutes = Object.entries(routeAccess).filter(([route]) => route.split(' ')[1]!.split('/').includes('audit'));
/** A request each route accepts from a caller it admits. */
const valid: Record<string, { path: string; body?: unknown }> = {
  'GET /admin/audit': { path: '/admin/audit' },
  'GET /admin/audit/events': { path: '/admin/audit/events?action=chart.open&pageSize=5' },
  'GET /admin/audit/verify': { path: '/admin/audit/verify' },
  'POST /admin/audit/purge': { path: '/admin/audit/purge', body: {} },
};
const purgeRuns = async () => (await hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_purges`))[0]!.n;

test('the declared matrix of the audit routes', () => {
  assert.deepEqual(Object.fromEntries(auditRoutes), {
    'POST /audit/upload': 'signed-in',
    'GET /admin/audit': ['admin'],
    'GET /admin/audit/events': ['admin'],
    'GET /admin/audit/verify': ['admin'],
    'POST /admin/audit/purge': ['admin'],
  });
});

test('no token and every role but the admin are refused on each admin audit route; a refused purge runs nothing', async () => {
  const runsBefore = await purgeRuns();
  for (const [route, request] of Object.entries(valid)) {
    const method = route.split(' ')[0] as 'GET' | 'POST';
    const send = (token?: string) => hospital.request<{ error?: { code: string } }>(method, request.path, { ...(token ? { token } : {}), ...(request.body === undefined ? {} : { body: request.body }) });
    const anonymous = await send();
    assert.deepEqual([anonymous.status, anonymous.body.error?.code], [401, 'UNAUTHENTICATED'], `${route} with no token`);
    for (const role of roles.filter((r) => r !== 'admin')) {
      const refused = await send(callers.get(role)!.token);
      assert.deepEqual([refused.status, refused.body.error?.code], [403, 'FORBIDDEN'], `${route} as ${role}`);
    }
  }
  assert.equal(await purgeRuns(), runsBefore, 'nothing was purged or recorded');
  for (const [route, request] of Object.entries(valid)) {
    const method = route.split(' ')[0] as 'GET' | 'POST';
    const allowed = await hospital.request(method, request.path, { token: callers.get('admin')!.token, ...(request.body === undefined ? {} : { body: request.body }) });
    assert.equal(allowed.status, 200, `${route} as admin: ${JSON.stringify(allowed.body)}`);
  }
  assert.equal(await purgeRuns(), runsBefore + 1, "the admin's purge ran");
});

test('the upload refuses no token, and takes any signed-in role past the gate', async () => {
  const anonymous = await hospital.request<{ error: { code: string } }>('POST', '/audit/upload', { body: { deviceId: 'x', entries: [] } });
  assert.deepEqual([anonymous.status, anonymous.body.error.code], [401, 'UNAUTHENTICATED']);
  for (const role of roles) {
    const answer = await hospital.request<{ error?: { code: string } }>('POST', '/audit/upload', { token: callers.get(role)!.token, body: { deviceId: callers.get(role)!.deviceId, entries: [] } });
    assert.notEqual(answer.body.error?.code, 'FORBIDDEN', role);
    assert.notEqual(answer.status, 401, role);
  }
});
