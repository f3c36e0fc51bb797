import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startCoreWorker } from '../core/coreClient';
import { freshDataDir } from '../core/testing/fixtures';
import { keyFileSource } from '../core/store/keyring';
import { startLoopbackHost } from './loopbackHost';

const dataDir = freshDataDir();
const core = await startCoreWorker({ dataDir, key: keyFileSource(dataDir).loadOrCreateKey() });
const host = await startLoopbackHost(core, freshDataDir('renderer'));
test.after(async () => {
  await host.close();
  await core.close();
});

const invoke = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${host.origin}/api/invoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: host.origin, Authorization: `Bearer ${host.token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

test('the host listens on loopback only and puts the token in the fragment', () => {
  assert.match(host.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.ok(host.url.startsWith(`${host.origin}/#token=`));
});

test('a call with the token from the host origin reaches the core', async () => {
  const response = await invoke({ channel: 'prefs:get', payload: {}, connection: 'conn-0001' });
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { ok: true, value: { language: 'zh-CN' } });
});

test('a call without the token, with a wrong one, or from another origin is refused', async () => {
  const body = { channel: 'prefs:get', payload: {}, connection: 'conn-0001' };
  const refused: Record<string, string>[] = [{ Authorization: '' }, { Authorization: 'Bearer wrong' }, { Origin: 'http://evil.example' }];
  for (const headers of refused) {
    const response = await invoke(body, headers);
    assert.equal(response.status, 403, JSON.stringify(headers));
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'FORBIDDEN');
  }
});

test('malformed JSON, a missing connection and an oversized body get specific errors', async () => {
  const malformed = await invoke('{"channel": ');
  assert.equal(malformed.status, 400);
  assert.match(((await malformed.json()) as { error: { message: string } }).error.message, /not valid JSON/);
  const anonymous = await invoke({ channel: 'prefs:get', payload: {} });
  assert.equal(anonymous.status, 400);
  const huge = await invoke({ channel: 'prefs:get', payload: { x: 'y'.repeat(2 * 1024 * 1024) }, connection: 'conn-0001' }).catch(() => null);
  assert.ok(huge === null || huge.status === 413);
});

test('the host serves no file outside the renderer folder', async () => {
  const response = await fetch(`${host.origin}/..%2f..%2fetc%2fpasswd`);
  assert.equal(response.status, 404);
});
