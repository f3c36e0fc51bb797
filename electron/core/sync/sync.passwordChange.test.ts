import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demo, startClinic, type TestWorkstation } from './testing/clinic';

const clinic = await startClinic('pglite', 10);

type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
const codeOf = async (ws: TestWorkstation, channel: string, payload: unknown, connection: string) => {
  const answer = (await ws.core.dispatch(channel, payload, connection)) as Answer;
  return answer.ok ? 'ok' : answer.error.code;
};
const signIn = (ws: TestWorkstation, account: string, password: string, connection: string) => codeOf(ws, 'auth:signIn', { account, password }, connection);

test('an account an admin created chooses its own password at its first online sign-in; offline it cannot sign in until then', async () => {
  const ws = await clinic.workstation(demo.doctor);
  const admin = await clinic.hospital.admin();
  const created = await clinic.hospital.request<{ account: { id: string } }>('POST', '/admin/accounts', {
    token: admin.token, body: { account: 'new.doctor', password: 'given-by-admin-1', displayName: '新医师', roles: ['physician'], department: 'cardiology', licenceNo: 'L-new' },
  });
  assert.equal(created.status, 201);
  const userId = created.body.account.id;
  const verifiers = () => ws.query<{ user_id: string }>(`SELECT user_id FROM offline_verifiers WHERE user_id = ?`, userId);

  assert.equal(await signIn(ws, 'new.doctor', 'given-by-admin-1', 'c-new'), 'PASSWORD_CHANGE_REQUIRED');
  assert.equal(await codeOf(ws, 'auth:current', {}, 'c-new'), 'ok');
  assert.equal(((await ws.core.dispatch('auth:current', {}, 'c-new')) as { value: unknown }).value, null, 'no session');
  assert.deepEqual(verifiers(), [], 'no verifier from an admin-set password');
  assert.equal(ws.query(`SELECT 1 FROM sync_state WHERE key = ?`, `token.${userId}`).length, 0, 'the change-only token is not kept for sync');
  ws.link.setOnline(false);
  assert.equal(await signIn(ws, 'new.doctor', 'given-by-admin-1', 'c-new'), 'SERVER_REQUIRED', 'offline: no verifier, no sign-in');
  assert.equal(await codeOf(ws, 'auth:changePassword', { account: 'new.doctor', passwords: { oldPassword: 'given-by-admin-1', newPassword: 'my-own-password-1' } }, 'c-new'), 'SERVER_UNREACHABLE');
  ws.link.setOnline(true);

  const change = (oldPassword: string, newPassword: string) => codeOf(ws, 'auth:changePassword', { account: 'new.doctor', passwords: { oldPassword, newPassword } }, 'c-new');
  assert.equal(await change('wrong-password-1', 'my-own-password-1'), 'BAD_CREDENTIALS');
  assert.equal(await change('given-by-admin-1', 'given-by-admin-1'), 'INVALID_REQUEST', 'the same password again');
  assert.equal(await change('given-by-admin-1', 'short'), 'INVALID_REQUEST');
  assert.equal(await change('given-by-admin-1', 'my-own-password-1'), 'ok');
  const audited = ws.query<{ user_id: string; subject: string; detail: string }>(`SELECT user_id, subject, detail FROM audit_log WHERE action = 'auth.password-change'`);
  assert.deepEqual(audited, [{ user_id: userId, subject: `user:${userId}`, detail: '{}' }]);

  assert.equal(await signIn(ws, 'new.doctor', 'given-by-admin-1', 'c-new'), 'BAD_CREDENTIALS', 'the admin-set password is gone');
  assert.equal(await signIn(ws, 'new.doctor', 'my-own-password-1', 'c-new'), 'ok');
  assert.deepEqual(verifiers(), [{ user_id: userId }], 'the new password made a verifier');
  await ws.core.dispatch('auth:signOut', {}, 'c-new');
  ws.link.setOnline(false);
  assert.equal(await signIn(ws, 'new.doctor', 'my-own-password-1', 'c-new'), 'ok', 'offline with the password the user chose');
  ws.link.setOnline(true);
  await ws.core.dispatch('auth:signOut', {}, 'c-new');

  // An admin's reset: the verifier goes at the next contact, and the next sign-in asks for a change again.
  const reset = await clinic.hospital.request('PATCH', `/admin/accounts/${userId}`, { token: admin.token, body: { password: 'reset-by-admin-1' } });
  assert.equal(reset.status, 200);
  await ws.sync();
  assert.deepEqual(verifiers(), [], 'the old verifier stops working');
  assert.equal(await signIn(ws, 'new.doctor', 'reset-by-admin-1', 'c-new'), 'PASSWORD_CHANGE_REQUIRED');
});

test('a user changes their own password: the verifier of the old one stops working here at once', async () => {
  const ws = await clinic.workstation(demo.doctor2);
  const [{ id: userId }] = ws.query<{ id: string }>(`SELECT id FROM users WHERE account = 'doctor2'`) as [{ id: string }];
  assert.equal(ws.query(`SELECT 1 FROM offline_verifiers WHERE user_id = ?`, userId).length, 1);
  assert.equal(await codeOf(ws, 'auth:changePassword', { account: 'doctor2', passwords: { oldPassword: demo.doctor2.password, newPassword: 'doctor2-own-choice-1' } }, 'c-d2'), 'ok');
  ws.link.setOnline(false);
  assert.equal(await signIn(ws, 'doctor2', demo.doctor2.password, 'c-d2'), 'SERVER_REQUIRED', 'no verifier here until the next online sign-in');
  ws.link.setOnline(true);
  assert.equal(await signIn(ws, 'doctor2', 'doctor2-own-choice-1', 'c-d2'), 'ok');
  // Put the demo password back for any later test on this hospital.
  assert.equal(await codeOf(ws, 'auth:changePassword', { account: 'doctor2', passwords: { oldPassword: 'doctor2-own-choice-1', newPassword: demo.doctor2.password } }, 'c-d2'), 'ok');
});
