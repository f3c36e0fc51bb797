import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demo, startClinic, type TestWorkstation } from './testing/clinic';

const clinic = await startClinic('pglite', 30);

const serverDeviceId = (ws: TestWorkstation) =>
  ws.query<{ value: string }>(`SELECT value FROM sync_state WHERE key = 'device.server_id'`)[0]?.value ?? null;
const ok = async <T>(ws: TestWorkstation, channel: string, payload: unknown, connection = ws.connection): Promise<T> => {
  const answer = (await ws.core.dispatch(channel, payload, connection)) as { ok: boolean; value: T };
  assert.equal(answer.ok, true, `${channel}: ${JSON.stringify(answer)}`);
  return answer.value;
};

test('a revoked device keeps its outbox quarantined; once it is approved again and released, each change arrives once', async () => {
  const ws = await clinic.workstation(demo.doctor);
  const patients = ws.query<{ id: string }>(`SELECT id FROM patients ORDER BY id LIMIT 3`);
  for (const [i, { id }] of patients.entries()) {
    await ok(ws, 'allergies:add', { patientId: id, allergen: `revoked-allergen-${i}`, reaction: '皮疹' });
  }

  // IT revokes the device on the server before it could push.
  const admin = await clinic.hospital.admin();
  const revokedId = serverDeviceId(ws)!;
  const revoked = await clinic.hospital.request('POST', `/admin/devices/${revokedId}/revoke`, { token: admin.token });
  assert.equal(revoked.status, 200);
  await ws.sync();
  const status = await ok<{ link: string; pending: number; quarantined: number }>(ws, 'sync:status', {});
  assert.deepEqual({ link: status.link, pending: status.pending, quarantined: status.quarantined }, { link: 'revoked', pending: 0, quarantined: 3 });
  await ws.sync();
  assert.equal(ws.query(`SELECT 1 FROM outbox WHERE state = 'quarantined'`).length, 3, 'nothing lost, round after round');

  // The server keeps revocation final. An admin holds no offline verifier (issue 8, item 9), so the
  // admin's sign-in here cannot succeed: it registers the device anew instead, pending approval.
  const again = await clinic.hospital.request('POST', `/admin/devices/${revokedId}/approve`, { token: admin.token });
  assert.equal(again.status, 409);
  const refused = (await ws.core.dispatch('auth:signIn', demo.admin, 'c-ws-admin')) as { ok: boolean; error?: { code: string } };
  assert.equal(refused.error?.code, 'DEVICE_NOT_APPROVED');
  assert.equal(serverDeviceId(ws), null, 'the revoked registration is forgotten');

  // The physician's next sign-in registers the device again (offline, on their verifier); IT
  // approves the new registration.
  await ok(ws, 'auth:signIn', demo.doctor);
  const renewedId = serverDeviceId(ws);
  assert.ok(renewedId && renewedId !== revokedId, 'a new registration');
  await clinic.hospital.approve(renewedId);
  await ok(ws, 'auth:signIn', demo.doctor);
  await ws.sync();
  assert.equal(ws.query(`SELECT 1 FROM outbox WHERE state = 'quarantined'`).length, 3, 'still waiting for the admin');

  // The admin signs in online now and releases what the revoked registration held.
  await ok(ws, 'auth:signIn', demo.admin, 'c-ws-admin');
  assert.deepEqual(await ok(ws, 'admin:outbox:release', {}, 'c-ws-admin'), { released: 3 });
  await ws.sync();
  await ws.sync();
  assert.equal(ws.query(`SELECT 1 FROM outbox`).length, 0, 'outbox drained');
  const onServer = await clinic.hospital.db.query<{ allergen: string; n: number }>(
    `SELECT allergen, count(*)::int AS n FROM allergies WHERE allergen LIKE 'revoked-allergen-%' GROUP BY allergen ORDER BY allergen`,
  );
  assert.deepEqual(onServer, [0, 1, 2].map((i) => ({ allergen: `revoked-allergen-${i}`, n: 1 })), 'each change once');
  const actions = ws.query<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'admin.%' ORDER BY seq`);
  assert.deepEqual(actions.map((a) => a.action), ['admin.device-reregister', 'admin.outbox-release']);
});

test('a change applied before a revocation but never acknowledged settles after re-registration, never held as taken', async () => {
  const ws = await clinic.workstation(demo.doctor);
  const [patient] = ws.query<{ id: string }>(`SELECT id FROM patients ORDER BY id LIMIT 1`);
  await ok(ws, 'allergies:add', { patientId: patient!.id, allergen: 'unacknowledged-allergen', reaction: '皮疹' });
  const [{ mutation_id: mutationId }] = ws.query<{ mutation_id: string }>(`SELECT mutation_id FROM outbox`) as [{ mutation_id: string }];

  // The server applies the push, but its answer never comes back.
  ws.link.cutResponsesAfter(0);
  await ws.sync();
  ws.link.cutResponsesAfter(null);
  const applied = await clinic.hospital.db.query<{ device_id: string }>(`SELECT device_id FROM mutations WHERE id = $1`, [mutationId]);
  assert.equal(applied.length, 1, 'the server applied it');
  assert.equal(ws.query(`SELECT 1 FROM outbox WHERE state = 'pending'`).length, 1, 'the workstation never heard so');

  // IT revokes the device; its admin registers it anew and releases the quarantined change.
  const admin = await clinic.hospital.admin();
  const revokedId = serverDeviceId(ws)!;
  assert.equal((await clinic.hospital.request('POST', `/admin/devices/${revokedId}/revoke`, { token: admin.token })).status, 200);
  await ws.sync();
  // The admin's sign-in registers it anew (no offline verifier for admins); IT approves.
  const pending = (await ws.core.dispatch('auth:signIn', demo.admin, 'c-ws-admin')) as { ok: boolean; error?: { code: string } };
  assert.equal(pending.error?.code, 'DEVICE_NOT_APPROVED');
  await ok(ws, 'auth:signIn', demo.doctor);
  await clinic.hospital.approve(serverDeviceId(ws)!);
  await ok(ws, 'auth:signIn', demo.doctor);
  await ok(ws, 'auth:signIn', demo.admin, 'c-ws-admin');
  await ok(ws, 'admin:outbox:release', {}, 'c-ws-admin');
  await ws.sync();

  assert.deepEqual(ws.query(`SELECT state, last_error FROM outbox`), [], 'settled: nothing held for a person to enter again');
  const onServer = await clinic.hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mutations WHERE id = $1`, [mutationId]);
  assert.deepEqual(onServer, [{ n: 1 }]);
  const fed = await clinic.hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM changes WHERE mutation_id = $1`, [mutationId]);
  assert.deepEqual(fed, [{ n: 1 }], 'fed once');
  assert.equal(applied[0]!.device_id, revokedId, 'it was applied under the old registration');
});
