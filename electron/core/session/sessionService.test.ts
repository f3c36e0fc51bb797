import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SessionInfo } from '../../../shared/ipc';
import { doctor, seededCore } from '../testing/fixtures';
import { manualClock } from '../testing/manualClock';

test('an idle session locks by its timer, with no call: the session stays, every clinical channel refuses, sign-out still works', async () => {
  const clock = manualClock();
  const core = await seededCore(5, { now: clock.now, timers: clock.timers, facePolicy: { passwordOnlySigning: true, idleLockMs: 5 * 60_000 } });
  const events: unknown[] = [];
  core.onEvent((event) => events.push(event));
  assert.equal((await core.dispatch('auth:signIn', doctor, 'c1')).ok, true);
  clock.advance(4 * 60_000);
  assert.equal((await core.dispatch('patients:search', { query: '' }, 'c1')).ok, true, 'activity within the limit');
  clock.advance(4 * 60_000);
  assert.deepEqual(events, [], 'the limit counts from the last activity');
  clock.advance(61_000);
  assert.deepEqual(events, [{ connectionId: 'c1', event: 'session:locked', payload: { reason: 'idle' } }], 'locked by the timer, before any call');

  const current = await core.dispatch('auth:current', {}, 'c1');
  assert.ok(current.ok);
  const info = current.value as SessionInfo;
  assert.deepEqual([info.account, info.locked], ['doctor', true], 'the session and its user stay');
  for (const [channel, request] of [['patients:search', { query: '' }], ['sync:status', {}], ['rx:list', { patientId: 'p-1' }]] as const) {
    const refused = await core.dispatch(channel, request, 'c1');
    assert.equal(refused.ok ? null : refused.error.code, 'SESSION_LOCKED', channel);
  }
  // The password is not an unlock: a new sign-in by the same user is a new session.
  assert.deepEqual(await core.dispatch('auth:signOut', {}, 'c1'), { ok: true, value: { signedOut: true } });
  assert.deepEqual(await core.dispatch('auth:current', {}, 'c1'), { ok: true, value: null });
});
