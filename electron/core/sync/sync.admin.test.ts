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
