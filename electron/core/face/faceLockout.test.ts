/**
 * After 5 failed face checks (the policy's count) the account locks on this workstation for the
 * policy's time (issue 9, item 5): the lock is a row (migration 009), so a restart keeps it, and it
 * ends on its own when the time is up.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCore } from '../core';
import { caller } from '../rx/rxTestKit';
import { doctor } from '../testing/fixtures';
import { auditOf, faceCore, skip } from './faceTestKit';

describe('face lockout', { skip }, async () => {
  const lockoutMs = 10 * 60_000;
  const { core, clock, enroll, as, userId } = await faceCore({ lockoutAttempts: 5, lockoutMs });
  await enroll('doctor', 'hopper--photo.jpg');

  /** A check that ends without a usable frame: a failure like any other. */
  async function failOnce(c: ReturnType<typeof as>) {
    const begun = await c.ok('face:begin', { purpose: 'sign-in' });
    return c.ok('face:finish', { attemptId: begun.attemptId });
  }

  test('5 failures lock the account; the 5th answer says until when', async () => {
    const desk = as('c-desk');
    assert.equal(await desk.code('auth:signIn', doctor), 'FACE_REQUIRED');
    const left: (number | null)[] = [];
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(await failOnce(desk));
    const last = outcomes[4]!;
    left.push(...outcomes.map((o) => o.attemptsLeft));
    assert.deepEqual(left, [4, 3, 2, 1, 0]);
    assert.equal(last.reason, 'no-usable-frame');
    assert.equal(last.lockedUntil, new Date(clock.now() + lockoutMs).toISOString());
    assert.equal(await desk.code('face:begin', { purpose: 'sign-in' }), 'FACE_LOCKED_OUT');
    assert.deepEqual(auditOf(core, 'face.lockout').map((e) => [e.subject, e.detail.failures]), [[`user:${userId('doctor')}`, 5]]);
    assert.equal(auditOf(core, 'face.attempt').filter((e) => e.detail.accepted === false).length, 5, 'every attempt audited');
  });

  test('a restart keeps the lock, and the lock expires on its own', async () => {
    await core.close();
    const restarted = createCore({ dataDir: core.dataDir, key: core.key, log: () => {}, now: clock.now, timers: clock.timers, facePolicy: { lockoutAttempts: 5, lockoutMs } });
    try {
      const desk = caller(restarted, 'c-desk');
      assert.equal(await desk.code('auth:signIn', doctor), 'FACE_REQUIRED');
      assert.equal(await desk.code('face:begin', { purpose: 'sign-in' }), 'FACE_LOCKED_OUT');
      assert.notEqual((await desk.ok('face:status', {})).pendingSignIn?.lockedUntil, null);
      clock.advance(lockoutMs + 1);
      // The password sign-in waited only 5 minutes (pendingSignIns.ts): type it again.
      assert.equal(await desk.code('auth:signIn', doctor), 'FACE_REQUIRED');
      const begun = await desk.ok('face:begin', { purpose: 'sign-in' });
      const again = await desk.ok('face:finish', { attemptId: begun.attemptId });
      assert.equal(again.attemptsLeft, 4, 'the count starts again after the lock');
    } finally {
      await restarted.close();
    }
  });
});
