/**
 * The hospital's face policy (issue 12): set by an admin from one workstation's console, pulled by
 * every other at its next contact, applied there, kept offline, and never weakened by the
 * workstation's own (these test workstations are deployed with password-only signing on).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FacePolicy } from '../../../shared/ipc/faceChannels';
import { demo, startClinic, type TestWorkstation } from './testing/clinic';

const clinic = await startClinic('pglite', 20);

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
const call = async <T>(ws: TestWorkstation, channel: string, payload: unknown, connection = ws.connection) =>
  (await ws.core.dispatch(channel, payload, connection)) as Answer<T>;
const ok = async <T>(ws: TestWorkstation, channel: string, payload: unknown, connection = ws.connection): Promise<T> => {
  const answer = await call<T>(ws, channel, payload, connection);
  assert.ok(answer.ok, `${channel}: ${JSON.stringify(answer)}`);
  return answer.value;
};

const hospitalPolicy: FacePolicy = {
  threshold: 0.76, liveness: 'challenge', idleLockMs: 2 * 60_000, freshVerificationMs: 3 * 60_000, lockoutAttempts: 4, lockoutMs: 30 * 60_000, passwordOnlySigning: false,
};

test("the admin's face policy reaches a second workstation at its next sync and applies to the next sign-in there", async () => {
  const desk = await clinic.workstation(demo.admin);
  const ward = await clinic.workstation(demo.doctor);
  const before = await ok<FacePolicy>(ward, 'face:policy:get', {}, 'c-ward-admin-read').catch(() => null);
  assert.equal(before, null, 'only an admin reads the policy');
  const opened = await ok<{ mode: string }>(ward, 'auth:signIn', demo.doctor, 'c-ward-before');
  assert.equal(opened.mode, 'full', 'the deployment allows password-only signing until the hospital says otherwise');

  const saved = await ok<FacePolicy>(desk, 'face:policy:set', { policy: hospitalPolicy });
  assert.deepEqual(saved, hospitalPolicy, "the admin's own workstation applies it at once");
  const settings = await ok<{ face: { version: number } | null }>(desk, 'admin:settings:get', {});
  assert.equal(settings.face?.version, 1);

  await ward.sync();
  const wardPolicy = ward.query<{ value: string }>(`SELECT value FROM hospital_settings WHERE id = 'face'`)[0];
  assert.deepEqual(JSON.parse(wardPolicy!.value), hospitalPolicy);
  const after = await ok<{ mode: string }>(ward, 'auth:signIn', demo.doctor, 'c-ward-after');
  assert.equal(after.mode, 'read-only', "without a face template, the hospital's policy makes a password session read-only");

  // Offline, the workstation keeps the last policy it pulled.
  ward.link.setOnline(false);
  await ward.sync();
  const offline = await ok<{ mode: string }>(ward, 'auth:signIn', demo.doctor, 'c-ward-offline');
  assert.equal(offline.mode, 'read-only');
  ward.link.setOnline(true);
});

test("a local policy weaker than the hospital's is never read once the hospital's is here", async () => {
  const ward = await clinic.workstation(demo.doctor2);
  assert.equal(ward.query(`SELECT 1 FROM hospital_settings WHERE id = 'face'`).length, 1, 'pulled with the first sync');
  ward.core.db.prepare(`INSERT INTO face_settings (id, policy, updated_by, updated_at) VALUES (1, ?, 'local', '2026-12-01T00:00:00Z')`).run(JSON.stringify({ ...hospitalPolicy, passwordOnlySigning: true }));
  assert.equal((await ok<{ mode: string }>(ward, 'auth:signIn', demo.doctor2, 'c-weak')).mode, 'read-only');
});

test('the console changes nothing offline, and says why', async () => {
  const desk = await clinic.workstation(demo.admin);
  desk.link.setOnline(false);
  const refused = await call(desk, 'face:policy:set', { policy: { ...hospitalPolicy, passwordOnlySigning: true } });
  assert.equal(refused.ok ? 'ok' : refused.error.code, 'SERVER_UNREACHABLE');
  const created = await call(desk, 'admin:accounts:create', { account: 'offline.user', password: 'offline-password-1', displayName: 'x', roles: ['physician'], department: 'cardiology', licenceNo: 'L-1' });
  assert.equal(created.ok ? 'ok' : created.error.code, 'SERVER_UNREACHABLE');
  desk.link.setOnline(true);
  const settings = await ok<{ face: { value: FacePolicy } | null }>(desk, 'admin:settings:get', {});
  assert.equal(settings.face?.value.passwordOnlySigning, false, 'the refused change never reached the server');
  assert.equal((await clinic.hospital.db.query(`SELECT 1 FROM users WHERE account = 'offline.user'`)).length, 0);
});

test('accounts, devices and the formulary import from the console, each audited here and on the server', async () => {
  const desk = await clinic.workstation(demo.admin);
  const account = await ok<{ id: string; reviewer: unknown }>(desk, 'admin:accounts:create', {
    account: 'ph.console', password: 'console-password-1', displayName: '药师乙', roles: ['pharmacist'], department: 'pharmacy', licenceNo: 'PH-9',
    reviewer: { title: 'pharmacist', dispensingYears: 4, trainingPassed: true },
  });
  assert.deepEqual(account.reviewer, { title: 'pharmacist', dispensingYears: 4, trainingPassed: true });
  const suspended = await ok<{ suspended: boolean }>(desk, 'admin:accounts:update', { id: account.id, changes: { suspended: true } });
  assert.equal(suspended.suspended, true);
  const bad = await call(desk, 'admin:accounts:create', { account: 'x', password: 'short', displayName: 'x', roles: ['physician'], department: 'd', licenceNo: 'l' });
  assert.equal(bad.ok ? 'ok' : bad.error.code, 'INVALID_REQUEST', 'refused before it leaves the workstation');

  const { devices, thisDevice } = await ok<{ devices: { id: string; status: string }[]; thisDevice: string }>(desk, 'admin:devices:list', {});
  assert.ok(devices.some((d) => d.id === thisDevice && d.status === 'approved'));
  const pending = await clinic.hospital.registerDevice('ward-9');
  assert.equal((await ok<{ status: string }>(desk, 'admin:devices:decide', { id: pending.id, decision: 'approve' })).status, 'approved');

  const notJson = await call(desk, 'admin:formulary:import', { fileName: 'formulary.json', content: '{ not json' });
  assert.equal(notJson.ok ? 'ok' : notJson.error.code, 'INVALID_FILE');
  const wrongShape = await call(desk, 'admin:formulary:import', { fileName: 'formulary.json', content: JSON.stringify({ drugs: 'none' }) });
  assert.equal(wrongShape.ok ? 'ok' : wrongShape.error.code, 'INVALID_FILE');
  assert.match(wrongShape.ok ? '' : wrongShape.error.message, /^formulary\.json: invalid formulary file/);

  const local = desk.query<{ action: string; subject: string }>(`SELECT action, subject FROM audit_log WHERE action LIKE 'admin.%' ORDER BY seq`);
  assert.deepEqual(local.map((a) => a.action), ['admin.account-create', 'admin.account-update', 'admin.device-approve']);
  const server = await clinic.hospital.db.query<{ action: string }>(`SELECT action FROM admin_actions WHERE subject IN ($1, $2) ORDER BY seq`, [`user:${account.id}`, `device:${pending.id}`]);
  assert.deepEqual(server.map((a) => a.action), ['account.create', 'account.suspend', 'device.approve']);
});
