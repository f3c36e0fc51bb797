import assert from 'node:assert/strict';
import { test } from 'node:test';
import { doctor, seededCore } from '../testing/fixtures';

test('an idle session locks: the next call needs a new sign-in and the UI is told why', async () => {
  let now = Date.parse('2026-11-25T08:00:00Z');
  const core = await seededCore(5, { now: () => now, sessionPolicy: { idleLockMs: 60_000, freshVerificationMs: 30_000 } });
  const events: unknown[] = [];
  core.onEvent((event) => events.push(event));
  await core.dispatch('auth:signIn', doctor, 'c1');
  now += 59_000;
  assert.equal((await core.dispatch('patients:search', { query: '' }, 'c1')).ok, true, 'activity within the limit');
  now += 59_000;
  assert.equal((await core.dispatch('patients:search', { query: '' }, 'c1')).ok, true, 'the limit counts from the last activity');
  now += 61_000;
  const locked = await core.dispatch('patients:search', { query: '' }, 'c1');
  assert.equal(locked.ok ? null : locked.error.code, 'UNAUTHENTICATED');
  assert.deepEqual(events, [{ connectionId: 'c1', event: 'session:locked', payload: { reason: 'idle' } }]);
});
