/**
 * The idle lock and the face unlock (issue 9, item 4): the timer locks the session with no call,
 * only an accepted unlock by the same user's face opens it again, and another user at the locked
 * screen signs in as themselves, which ends the locked session (audited).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { doctor } from '../testing/fixtures';
import { auditOf, faceCore, skip } from './faceTestKit';

describe('idle lock and face unlock', { skip }, async () => {
  const idleLockMs = 5 * 60_000;
  const { core, clock, enroll, check, as, userId } = await faceCore({ liveness: 'passive', idleLockMs });
  await enroll('doctor', 'hopper--photo.jpg');
  const events: unknown[] = [];
  core.onEvent((e) => e.event === 'session:locked' && events.push(e));
  const desk = as('c-desk');
  assert.equal(await desk.code('auth:signIn', doctor), 'FACE_REQUIRED');
  assert.equal((await check('c-desk', 'sign-in', 'hopper--photo.jpg')).accepted, true);

  test('the timer locks the session; every channel but unlock and sign-out refuses', async () => {
    clock.advance(idleLockMs + 1);
    assert.deepEqual(events, [{ connectionId: 'c-desk', event: 'session:locked', payload: { reason: 'idle' } }]);
    assert.equal((await desk.ok('auth:current', {}))?.locked, true);
    assert.equal(await desk.code('patients:search', { query: '' }), 'SESSION_LOCKED');
    assert.equal(await desk.code('face:begin', { purpose: 'step-up' }), 'SESSION_LOCKED');
  });

  test('another person\'s face does not unlock it; the user\'s own face does', async () => {
    const refused = await check('c-desk', 'unlock', 'collins--photo.jpg');
    assert.deepEqual([refused.accepted, refused.reason], [false, 'no-match']);
    assert.equal(await desk.code('patients:search', { query: '' }), 'SESSION_LOCKED');
    const unlocked = await check('c-desk', 'unlock', 'hopper--photo.jpg');
    assert.equal(unlocked.accepted, true, String(unlocked.reason));
    assert.deepEqual([unlocked.session?.account, unlocked.session?.locked, unlocked.session?.verifiedBy], ['doctor', false, 'face']);
    assert.equal(await desk.code('patients:search', { query: '' }), 'ok');
  });

  test('another user at the locked screen signs in as themselves; the locked session ends, audited', async () => {
    clock.advance(idleLockMs + 1);
    assert.equal((await desk.ok('auth:current', {}))?.locked, true);
    const other = await desk.ok('auth:signIn', { account: 'doctor2', password: 'doctor2-demo-2026' });
    assert.deepEqual([other.account, other.mode, other.locked], ['doctor2', 'read-only', false]);
    const ended = auditOf(core, 'session.end').at(-1);
    assert.deepEqual([ended?.user_id, ended?.detail.reason, ended?.detail.nextUserId], [userId('doctor'), 'other-user-signed-in-at-locked-screen', userId('doctor2')]);
  });
});
