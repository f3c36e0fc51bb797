/**
 * Before each consultation, a fresh face check (issue 9): `rx:visit:open` is refused with
 * CONSULTATION_CHECK_REQUIRED once the last verification is older than the policy's window
 * (5 min by default), and nothing is opened; a step-up face check renews it. A password-only site
 * (its own strong method, its policy) is not asked for a face.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Core } from '../core';
import { caller } from '../rx/rxTestKit';
import { doctor, seededCore } from '../testing/fixtures';
import { manualClock } from '../testing/manualClock';
import { faceCore, skip } from './faceTestKit';

const minute = 60_000;
const patients = (core: Core) => core.db.prepare<[], { id: string }>(`SELECT id FROM patients ORDER BY id LIMIT 2`).all();

describe('a fresh face check before each consultation', { skip }, async () => {
  const { core, clock, enroll, check, as } = await faceCore({ liveness: 'passive' });
  after(() => core.close());
  await enroll('doctor', 'hopper--photo.jpg');
  const doc = as('c-doc');
  assert.equal(await doc.code('auth:signIn', doctor), 'FACE_REQUIRED');
  assert.equal((await check('c-doc', 'sign-in', 'hopper--photo.jpg')).accepted, true);
  const [patient, other] = patients(core) as [{ id: string }, { id: string }];
  const drafts = (patientId: string) => core.db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM prescription_drafts WHERE patient_id = ?`).get(patientId)!.n;
  /** Time passes while the physician keeps working (no idle lock): a search each minute. */
  async function busyFor(minutes: number) {
    for (let i = 0; i < minutes; i++) {
      clock.advance(minute);
      await doc.ok('rx:search', { query: 'aml' });
    }
  }

  test('within the window the consultation opens without another check', async () => {
    await busyFor(4);
    const visit = await doc.ok('rx:visit:open', { patientId: patient.id });
    assert.equal(visit.patientId, patient.id);
  });

  test('past the window it is refused and nothing is opened; a step-up face check lets it open', async () => {
    await busyFor(2);
    assert.equal(await doc.code('rx:visit:open', { patientId: other.id }), 'CONSULTATION_CHECK_REQUIRED');
    assert.equal(drafts(other.id), 0);
    // Reading goes on: only opening a consultation asks for the face.
    await doc.ok('rx:list', { patientId: patient.id });
    const stepUp = await check('c-doc', 'step-up', 'hopper--photo.jpg');
    assert.equal(stepUp.accepted, true, String(stepUp.reason));
    const visit = await doc.ok('rx:visit:open', { patientId: other.id });
    assert.equal(visit.patientId, other.id);
  });

  test('a refused step-up (another person) does not renew the window', async () => {
    await busyFor(6);
    const refused = await check('c-doc', 'step-up', 'messi--photo.jpg');
    assert.equal(refused.accepted, false);
    assert.equal(await doc.code('rx:visit:open', { patientId: patient.id }), 'CONSULTATION_CHECK_REQUIRED');
  });
});

describe('a password-only site opens consultations without a face check', async () => {
  const clock = manualClock(Date.parse('2026-11-26T02:00:00Z'));
  const core = await seededCore(20, { now: clock.now, timers: clock.timers, facePolicy: { passwordOnlySigning: true } });
  after(() => core.close());
  const doc = caller(core, 'c-doc');
  await doc.ok('auth:signIn', doctor);

  test('ten minutes after the password, the consultation opens', async () => {
    for (let i = 0; i < 10; i++) {
      clock.advance(minute);
      await doc.ok('rx:search', { query: 'aml' });
    }
    const patient = patients(core)[0]!;
    assert.equal((await doc.ok('rx:visit:open', { patientId: patient.id })).patientId, patient.id);
  });
});
