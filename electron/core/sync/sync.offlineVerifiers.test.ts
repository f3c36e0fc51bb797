import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { demoUsers } from '../../../shared/demo/users';
import { createCore } from '../core';
import { freshDataDir } from '../testing/fixtures';
import { demo, startClinic, type TestWorkstation } from './testing/clinic';

/**
 * Issue 8, item 9: a workstation holds an offline verifier only for accounts that signed in on it
 * online (never an admin's, never the server's hash), and deletes it when the server revokes it.
 */
const clinic = await startClinic('pglite', 10);

const idOf = (account: string) => demoUsers.find((u) => u.account === account)!.id;
const verifiers = (ws: TestWorkstation) => ws.query<{ user_id: string }>(`SELECT user_id FROM offline_verifiers ORDER BY user_id`).map((r) => r.user_id);
const signIn = async (ws: TestWorkstation, account: { account: string; password: string }, connection = `c-${account.account}`) => {
  const answer = (await ws.core.dispatch('auth:signIn', account, connection)) as { ok: boolean; error?: { code: string } };
  return answer.ok ? 'ok' : answer.error!.code;
};

test('a fresh store holds no verifier and no password hash; an online sign-in makes exactly one, for that account only', async () => {
  const fresh = createCore({ dataDir: freshDataDir('caredesk-fresh'), key: randomBytes(32), log: () => {}, sync: { serverUrl: 'http://127.0.0.1:9', background: false } });
  assert.equal(fresh.db.prepare(`SELECT count(*) AS n FROM offline_verifiers`).pluck().get(), 0);
  const offline = (await fresh.dispatch('auth:signIn', demo.doctor, 'c1')) as { ok: boolean; error?: { code: string } };
  assert.equal(offline.error?.code, 'BAD_CREDENTIALS', 'nothing to sign in against before an online sign-in');
  await fresh.close();

  const ws = await clinic.workstation(demo.doctor);
  // clinic.workstation signed the physician in online (after approval) and synced.
  assert.deepEqual(verifiers(ws), [idOf('doctor')], 'exactly one verifier, the physician\'s');
  const users = ws.query<{ account: string; password_hash: string }>(`SELECT account, password_hash FROM users ORDER BY account`);
  assert.ok(users.length >= 4, 'every account is known, for names and roles');
  assert.deepEqual(users.filter((u) => u.password_hash !== ''), [], 'no password hash reached the workstation');
  const [{ verifier }] = ws.query<{ verifier: string }>(`SELECT verifier FROM offline_verifiers`) as [{ verifier: string }];
  const [server] = await clinic.hospital.db.query<{ password_hash: string }>(`SELECT password_hash FROM users WHERE account = 'doctor'`);
  assert.notEqual(verifier, server!.password_hash, 'never the server\'s hash');

  const fed = await clinic.hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM changes WHERE table_name = 'users' AND row->>'password_hash' <> ''`);
  assert.equal(fed[0]!.n, 0, 'the feed carries no hash for any device to pull');
});

test('an admin signs in online but never gets a verifier; offline, only the account that signed in here online signs in', async () => {
  const ws = await clinic.workstation(demo.doctor);
  assert.equal(await signIn(ws, demo.admin), 'ok', 'online, the server checks the admin');
  assert.deepEqual(verifiers(ws), [idOf('doctor')], 'still only the physician\'s');
  const [grant] = await clinic.hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM offline_verifiers WHERE user_id = $1`, [idOf('admin')]);
  assert.equal(grant!.n, 0, 'the server granted no admin verifier');

  ws.link.setOnline(false);
  assert.equal(await signIn(ws, demo.doctor, 'c-offline-doctor'), 'ok', 'the physician signs in offline on the verifier');
  assert.equal(await signIn(ws, { ...demo.doctor, password: 'wrong-password' }, 'c-offline-wrong'), 'BAD_CREDENTIALS');
  assert.equal(await signIn(ws, demo.admin, 'c-offline-admin'), 'SERVER_REQUIRED', 'admin sign-in needs the server');
  assert.equal(await signIn(ws, demo.pharmacist, 'c-offline-pharmacist'), 'SERVER_REQUIRED', 'never signed in here online');
  assert.equal(await signIn(ws, { account: 'nobody', password: 'x' }, 'c-offline-nobody'), 'BAD_CREDENTIALS');
  ws.link.setOnline(true);
});

for (const [how, revoke] of [
  ['an admin revokes it', async (userId: string) => {
    const admin = await clinic.hospital.admin();
    const answer = await clinic.hospital.request<{ revoked: number }>('POST', `/admin/accounts/${userId}/revoke-offline`, { token: admin.token });
    assert.equal(answer.status, 200);
    assert.ok(answer.body.revoked >= 1);
  }],
  ['the password is reset on the server', async (userId: string) => {
    const admin = await clinic.hospital.admin();
    const answer = await clinic.hospital.request('PATCH', `/admin/accounts/${userId}`, { token: admin.token, body: { password: 'a-brand-new-password' } });
    assert.equal(answer.status, 200);
  }],
] as const) {
  test(`a revoked verifier disappears at the next contact when ${how}, and the offline sign-in is then refused`, async () => {
    const account = await clinic.hospital.createAccount(`rx-${how.length}`, ['physician'], 'cardiology', 'first-password-123');
    const user = { account: `rx-${how.length}`, password: 'first-password-123' };
    const ws = await clinic.workstation(user);
    assert.deepEqual(verifiers(ws), [account]);
    await revoke(account);
    // Another account keeps the device in contact (a suspension or reset may end the user's own token).
    assert.equal(await signIn(ws, demo.doctor), 'ok');
    assert.deepEqual(verifiers(ws).sort(), [account, idOf('doctor')].sort(), 'not yet told');
    await ws.sync();
    assert.deepEqual(verifiers(ws), [idOf('doctor')], 'deleted at the next round');
    const audit = ws.query<{ detail: string }>(`SELECT detail FROM audit_log WHERE action = 'sync.offline-verifiers-revoked'`);
    assert.deepEqual(audit.map((a) => JSON.parse(a.detail) as unknown), [{ accounts: [account] }]);
    ws.link.setOnline(false);
    assert.equal(await signIn(ws, user, 'c-offline-revoked'), 'SERVER_REQUIRED');
    ws.link.setOnline(true);
  });
}

test('a suspension revokes every device\'s verifier for the account; revoking an unknown account is 404 and writes nothing', async () => {
  const account = await clinic.hospital.createAccount('suspended-rx', ['physician'], 'cardiology', 'suspended-password-1');
  const ws = await clinic.workstation({ account: 'suspended-rx', password: 'suspended-password-1' });
  assert.deepEqual(verifiers(ws), [account]);
  const admin = await clinic.hospital.admin();
  const before = await clinic.hospital.db.query(`SELECT device_id, user_id, revoked_at FROM offline_verifiers ORDER BY device_id, user_id`);
  const unknown = await clinic.hospital.request<{ error: { code: string } }>('POST', `/admin/accounts/00000000-0000-4000-8000-00000000dead/revoke-offline`, { token: admin.token });
  assert.deepEqual([unknown.status, unknown.body.error.code], [404, 'NOT_FOUND']);
  const byPhysician = await clinic.hospital.request<{ error: { code: string } }>('POST', `/admin/accounts/${account}/revoke-offline`, {
    token: (await clinic.hospital.workstation(demo.doctor.account, demo.doctor.password)).token,
  });
  assert.deepEqual([byPhysician.status, byPhysician.body.error.code], [403, 'FORBIDDEN']);
  assert.deepEqual(await clinic.hospital.db.query(`SELECT device_id, user_id, revoked_at FROM offline_verifiers ORDER BY device_id, user_id`).then((rows) => rows.filter((r) => (r as { user_id: string }).user_id !== idOf('doctor'))),
    before.filter((r) => (r as { user_id: string }).user_id !== idOf('doctor')), 'nothing written by the refusals');

  const suspended = await clinic.hospital.request('PATCH', `/admin/accounts/${account}`, { token: admin.token, body: { suspended: true } });
  assert.equal(suspended.status, 200);
  const [row] = await clinic.hospital.db.query<{ revoked_reason: string }>(`SELECT revoked_reason FROM offline_verifiers WHERE user_id = $1`, [account]);
  assert.equal(row!.revoked_reason, 'suspended');
  // The suspended user's own online attempt tells the device at once.
  assert.equal(await signIn(ws, { account: 'suspended-rx', password: 'suspended-password-1' }, 'c-suspended'), 'ACCOUNT_SUSPENDED');
  assert.deepEqual(verifiers(ws), []);
});
