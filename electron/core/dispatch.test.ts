import assert from 'node:assert/strict';
import { test } from 'node:test';
import { admin, doctor, pharmacist, seededCore } from './testing/fixtures';

const core = await seededCore(50);
const call = (channel: unknown, payload: unknown, connection = 'c-test') => core.dispatch(channel, payload, connection);

test('an unknown channel gets a typed error', async () => {
  const result = await call('patients:dropAll', {});
  assert.deepEqual(result.ok ? null : result.error.code, 'UNKNOWN_CHANNEL');
  const prototypeName = await call('__proto__', {});
  assert.equal(prototypeName.ok ? null : prototypeName.error.code, 'UNKNOWN_CHANNEL');
});

test('a malformed payload is refused with the field that is wrong, before any handler runs', async () => {
  await call('auth:signIn', doctor, 'malformed');
  for (const payload of [{ query: 42 }, { query: 'x'.repeat(65) }, { query: 'zw', limit: -1 }, { query: 'zw', extra: true }, 'zw', [1]]) {
    const result = await call('patients:search', payload, 'malformed');
    assert.equal(result.ok, false, JSON.stringify(payload));
    if (!result.ok) {
      assert.equal(result.error.code, 'INVALID_REQUEST');
      assert.match(result.error.message, /patients:search/);
    }
  }
});

test('clinical channels need a session', async () => {
  const result = await call('patients:search', { query: '' }, 'nobody');
  assert.equal(result.ok ? null : result.error.code, 'UNAUTHENTICATED');
});

test('a wrong password and an unknown account get the same answer', async () => {
  const wrong = await call('auth:signIn', { account: 'doctor', password: 'nope' }, 'c-wrong');
  const unknown = await call('auth:signIn', { account: 'ghost', password: 'nope' }, 'c-wrong');
  assert.deepEqual(wrong, unknown);
  assert.equal(wrong.ok ? null : wrong.error.code, 'BAD_CREDENTIALS');
  assert.deepEqual(await call('auth:current', {}, 'c-wrong'), { ok: true, value: null });
});

test('roles decide: an admin may not read patients, a pharmacist and a physician may', async () => {
  await call('auth:signIn', admin, 'c-admin');
  const denied = await call('patients:search', { query: '' }, 'c-admin');
  assert.equal(denied.ok ? null : denied.error.code, 'FORBIDDEN');
  for (const [who, connection] of [[doctor, 'c-doc'], [pharmacist, 'c-pharm']] as const) {
    assert.equal((await call('auth:signIn', who, connection)).ok, true);
    assert.equal((await call('patients:search', { query: '' }, connection)).ok, true);
  }
});

test('sessions belong to their connection and end on sign-out', async () => {
  await call('auth:signIn', doctor, 'c-a');
  assert.equal((await call('patients:search', { query: '' }, 'c-b')).ok, false);
  await call('auth:signOut', {}, 'c-a');
  const after = await call('patients:search', { query: '' }, 'c-a');
  assert.equal(after.ok ? null : after.error.code, 'UNAUTHENTICATED');
});

test('a suspended account cannot sign in', async () => {
  core.db.prepare(`UPDATE users SET suspended = 1 WHERE account = 'doctor2'`).run();
  const result = await call('auth:signIn', { account: 'doctor2', password: 'doctor2-demo-2026' }, 'c-s');
  assert.equal(result.ok ? null : result.error.code, 'ACCOUNT_SUSPENDED');
});

test('the language choice is remembered by the store', async () => {
  assert.deepEqual(await call('prefs:get', {}), { ok: true, value: { language: 'zh-CN' } });
  await call('prefs:setLanguage', { language: 'en' });
  assert.deepEqual(await call('prefs:get', {}), { ok: true, value: { language: 'en' } });
  const bad = await call('prefs:setLanguage', { language: 'fr' });
  assert.equal(bad.ok ? null : bad.error.code, 'INVALID_REQUEST');
  assert.deepEqual(await call('prefs:get', {}), { ok: true, value: { language: 'en' } });
});
