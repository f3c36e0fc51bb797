import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import { roles, type Role } from '../../shared/domain/roles';
import { demo, TestHospital, type Workstation } from '../test-support/hospital';
import { installAccessControl } from './access';
import type { ServerDeps } from './deps';
import { routeAccess, type RouteAccess } from './routeAccess';

/** A concrete address for a route pattern: every `:param` becomes a well-formed id of nobody. */
const addressOf = (pattern: string) => pattern.replace(/:\w+/g, '00000000-0000-4000-8000-000000000000');
const allowed = (access: RouteAccess, role: Role) => access === 'signed-in' || (access !== 'public' && access.includes(role));

describe('the role matrix of every route', () => {
  let hospital: TestHospital;
  const callers = new Map<Role, Workstation>();
  before(async () => {
    hospital = await TestHospital.start('pglite', { patients: 3 });
    callers.set('physician', await hospital.workstation(demo.doctor.account, demo.doctor.password));
    callers.set('pharmacist', await hospital.workstation(demo.pharmacist.account, demo.pharmacist.password));
    callers.set('admin', await hospital.admin());
  });
  after(() => hospital.stop());

  const guarded = Object.entries(routeAccess).filter(([, access]) => access !== 'public');

  test('no token, or a token that is not one, is refused on every route that is not public', async () => {
    for (const [route] of guarded) {
      const [method, pattern] = route.split(' ') as ['GET' | 'POST' | 'PATCH' | 'PUT', string];
      for (const token of [undefined, 'x'.repeat(43)]) {
        const answer = await hospital.request<{ error: { code: string } }>(method, addressOf(pattern), { ...(token ? { token } : {}), ...(method === 'GET' ? {} : { body: {} }) });
        assert.deepEqual([answer.status, answer.body.error.code], [401, 'UNAUTHENTICATED'], `${route} with ${token ? 'a garbage token' : 'no token'}`);
      }
    }
  });

  test('every role the matrix does not list is refused, before the request is even validated', async () => {
    let refusals = 0;
    for (const [route, access] of guarded) {
      const [method, pattern] = route.split(' ') as ['GET' | 'POST' | 'PATCH' | 'PUT', string];
      for (const role of roles.filter((r) => !allowed(access, r))) {
        const answer = await hospital.request<{ error: { code: string } }>(method, addressOf(pattern), {
          token: callers.get(role)!.token,
          // A body no route accepts: the refusal must come from the role, not from validation.
          ...(method === 'GET' ? {} : { body: { unexpected: true } }),
        });
        assert.deepEqual([answer.status, answer.body.error.code], [403, 'FORBIDDEN'], `${route} as ${role}`);
        refusals += 1;
      }
    }
    assert.ok(refusals >= 20, `the matrix has role-restricted routes to refuse (${refusals})`);
  });

  test('an allowed role gets past the access check on every guarded route', async () => {
    // Signing out ends the caller's token, so it goes last.
    const logoutLast = [...guarded].sort(([a], [b]) => Number(a === 'POST /auth/logout') - Number(b === 'POST /auth/logout'));
    for (const [route, access] of logoutLast) {
      const [method, pattern] = route.split(' ') as ['GET' | 'POST' | 'PATCH' | 'PUT', string];
      const role = roles.find((r) => allowed(access, r))!;
      const answer = await hospital.request<{ error?: { code: string } }>(method, addressOf(pattern), { token: callers.get(role)!.token, ...(method === 'GET' ? {} : { body: {} }) });
      assert.ok(![401, 403].includes(answer.status) || !['UNAUTHENTICATED', 'FORBIDDEN'].includes(answer.body.error?.code ?? ''), `${route} as ${role}: ${JSON.stringify(answer.body)}`);
    }
  });
});

test('a route missing from the matrix stops the server from starting', async () => {
  const app = Fastify();
  installAccessControl(app, {} as ServerDeps);
  assert.throws(() => app.get('/patients/export-all', () => ({})), /GET \/patients\/export-all has no entry in server\/http\/routeAccess\.ts/);
  await app.close();
});
