/**
 * Helpers for face tests through the real core, the real face worker and the photo test set
 * (scripts/face-testset.sh): a core on the product's face policy with a hand-moved clock, and
 * enrollment and face checks done through the channels exactly as the renderer does them.
 */
import assert from 'node:assert/strict';
import type { ResponseOf } from '../../../shared/ipc';
import { FACE_CONSENT_VERSION } from '../../../shared/face/consent';
import type { CoreOptions } from '../core';
import type { Db } from '../store/database';
import { caller } from '../rx/rxTestKit';
import { usersTable } from '../store/users';
import { admin, seededCore } from '../testing/fixtures';
import { manualClock } from '../testing/manualClock';
import { cameraFrames } from './testFrames';
import { faceTestSet, photo } from './testSet';

export const set = faceTestSet();
export const skip = set.photos ? false : `face test set unavailable: ${set.skipReason}`;

/** Camera-like frames of one test photo, base64 as the renderer sends them. */
export const framesOf = (file: string, count: number, seed = 1): string[] => cameraFrames(photo(set, file).path, count, seed).map((b) => b.toString('base64'));

/** A seeded core on the product's face policy (plus `policy`), its clock moved by hand. */
export async function faceCore(policy: CoreOptions['facePolicy'] = {}, options: Partial<CoreOptions> = {}) {
  const clock = manualClock(Date.parse('2026-11-26T02:00:00Z'));
  const core = await seededCore(40, { now: clock.now, timers: clock.timers, facePolicy: policy, ...options });
  const userId = (account: string) => usersTable(core.db).byAccount(account)!.id;
  const as = (connection: string) => caller(core, connection);

  /** Enrolls `account` from an admin's session, with the user's consent, from 3 frames of `file`. */
  async function enroll(account: string, file: string): Promise<void> {
    const desk = as('c-enroll');
    await desk.ok('auth:signIn', admin);
    const begun = await desk.ok('face:begin', { purpose: 'enroll', userId: userId(account), consent: { version: FACE_CONSENT_VERSION, accepted: true } });
    for (const jpeg of framesOf(file, 3, 7)) await desk.ok('face:frame', { attemptId: begun.attemptId, jpeg });
    const done = await desk.ok('face:finish', { attemptId: begun.attemptId });
    assert.equal(done.accepted, true, String(done.reason));
    await desk.ok('auth:signOut', {});
  }

  /** A face check on `connection`: begin, frames arriving 120 ms apart on main's clock, finish. */
  async function check(connection: string, purpose: 'sign-in' | 'unlock' | 'step-up', file: string, frames = 8): Promise<ResponseOf<'face:finish'>> {
    const c = as(connection);
    const begun = await c.ok('face:begin', { purpose });
    for (const jpeg of framesOf(file, frames)) {
      clock.advance(120);
      await c.ok('face:frame', { attemptId: begun.attemptId, jpeg });
    }
    return c.ok('face:finish', { attemptId: begun.attemptId });
  }

  return { core, clock, userId, as, enroll, check };
}

/** The audit entries of one action, details parsed. */
export function auditOf(core: { db: Db }, action: string): { user_id: string; session_id: string | null; subject: string; detail: Record<string, unknown> }[] {
  return core.db
    .prepare<[string], { user_id: string; session_id: string | null; subject: string; detail: string }>(`SELECT user_id, session_id, subject, detail FROM audit_log WHERE action = ? ORDER BY seq`)
    .all(action)
    .map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));
}
