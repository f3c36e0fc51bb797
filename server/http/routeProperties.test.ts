import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { z } from 'zod';
import { fuzzSettings } from '../../common/testing/fuzzSettings';
import { roles } from '../../shared/domain/roles';
import { hostilePayloadFor, hostileValue } from '../../shared/testing/hostilePayloads';
import { demo, TestHospital, type Workstation } from '../test-support/hospital';
import { routeAccess, type RouteAccess } from './routeAccess';

/** Field names the routes read (each parses its own body), so hostile bodies also come shaped like real ones. */
const knownKeys = ['deviceId', 'batch', 'account', 'password', 'challengeId', 'signature', 'name', 'publicKey', 'cursor', 'limit', 'id', 'prescriptionId', 'clientId', 'reason', 'entries', 'roles', 'code'];
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

/**
 * Every HTTP route, fed random and hostile bodies, path ids and queries by a caller it admits
 * (issue 12): never a 5xx, and a refused request leaves every table as it was.
 */
describe('hostile requests to every route', () => {
  let hospital: TestHospital;
  const callers = new Map<string, Workstation>();
  let tables: string[] = [];
  before(async () => {
    hospital = await TestHospital.start('pglite', { patients: 5 });
    callers.set('physician', await hospital.workstation(demo.doctor.account, demo.doctor.password));
    callers.set('pharmacist', await hospital.workstation(demo.pharmacist.account, demo.pharmacist.password));
    callers.set('admin', await hospital.admin());
    // Every signed request spends its proof's one-time id, refused or not: that is what stops a replay.
    const spentProofs = 'proof_jtis';
    tables = (await hospital.db.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`))
      .map((t) => t.name)
      .filter((name) => name !== spentProofs);
  });
  after(() => hospital.stop());
  const rowCounts = async () => Promise.all(tables.map(async (t) => `${t}=${(await hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}"`))[0]!.n}`));

  // Signing out ends the caller's token: that route goes last.
  const routes = Object.entries(routeAccess).sort(([a], [b]) => Number(a === 'POST /auth/logout') - Number(b === 'POST /auth/logout'));
  for (const [route, access] of routes) {
    test(route, async () => {
      const [method, pattern] = route.split(' ') as [Method, string];
      const token = tokenFor(access);
      const request = fc.record({
        body: hostilePayloadFor(z.unknown(), knownKeys),
        pathId: fc.oneof(fc.constantFrom("1' OR '1'='1", '..%2F..%2Fetc%2Fpasswd', '%00', 'x'.repeat(300)), fc.uuid()),
        query: fc.dictionary(fc.constantFrom('cursor', 'limit', 'since', 'from', 'to', 'q'), hostileValue, { maxKeys: 3 }),
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ body, pathId, query }) => {
          const before = await rowCounts();
          const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v) ?? ''])).toString();
          const url = `${pattern.replace(/:\w+/g, encodeURIComponent(pathId))}${search ? `?${search}` : ''}`;
          const answer = await hospital.request<{ error?: { code: string } }>(method, url, { ...(token ? { token } : {}), ...(method === 'GET' ? {} : { body }) });
          assert.ok(answer.status < 500, `${route} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
          if (answer.status >= 400) assert.deepEqual(await rowCounts(), before, `${route} refused (${answer.status}) but wrote`);
        }),
        fuzzSettings,
      );
    });
  }

  function tokenFor(access: RouteAccess): string | undefined {
    if (access === 'public') return undefined;
    const role = access === 'signed-in' ? roles[0] : access[0]!;
    return callers.get(role)!.token;
  }
});
