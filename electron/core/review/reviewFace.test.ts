/**
 * A review decision is the pharmacist's own signed act, verified at the moment it is made (issues 9
 * and 10), on a site with the product's default policy: no password-only signing. The decision
 * names an accepted face check of the deciding pharmacist, finished within 60 s, used once.
 * Through the real server, the real sync engine and the real face engine on the photo test set.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { FACE_CONSENT_VERSION } from '../../../shared/face/consent';
import { framesOf, skip } from '../face/faceTestKit';
import { caller } from '../rx/rxTestKit';
import { usersTable } from '../store/users';
import { demo, startClinic } from '../sync/testing/clinic';
import { cardiacPatient, signAmlodipine } from './reviewTestKit';

describe('a review decision under the default face policy [pglite]', { skip }, async () => {
  const { hospital, workstation } = await startClinic('pglite', 60);
  const doctor = await workstation(demo.doctor);
  // Passive liveness: the test set is photos, which cannot answer the active challenge
  // (electron/core/face/README.md); matching, freshness and spending are what this file proves.
  const desk = await workstation(demo.admin, { facePolicy: { liveness: 'passive' } });
  const pharmacist = caller(desk.core, desk.connection);

  /** A face check on the desk, its frames 120 ms apart on the hospital's clock. */
  async function faceCheck(purpose: 'sign-in' | 'step-up', file: string) {
    const begun = await pharmacist.ok('face:begin', { purpose });
    for (const jpeg of framesOf(file, 8)) {
      hospital.clock += 120;
      await pharmacist.ok('face:frame', { attemptId: begun.attemptId, jpeg });
    }
    return pharmacist.ok('face:finish', { attemptId: begun.attemptId });
  }

  const first = await signAmlodipine(doctor, cardiacPatient(doctor, 0));
  const second = await signAmlodipine(doctor, cardiacPatient(doctor, 1));
  await doctor.sync();

  // The admin enrolls the pharmacist at this desk (the pharmacist present and consenting); the
  // pharmacist then signs in by password and face.
  const pharmacistId = usersTable(desk.core.db).byAccount(demo.pharmacist.account)!.id;
  const enrolling = await pharmacist.ok('face:begin', { purpose: 'enroll', userId: pharmacistId, consent: { version: FACE_CONSENT_VERSION, accepted: true } });
  for (const jpeg of framesOf('hopper--photo.jpg', 3, 7)) await pharmacist.ok('face:frame', { attemptId: enrolling.attemptId, jpeg });
  assert.equal((await pharmacist.ok('face:finish', { attemptId: enrolling.attemptId })).accepted, true);
  await pharmacist.ok('auth:signOut', {});
  assert.equal(await pharmacist.code('auth:signIn', demo.pharmacist), 'FACE_REQUIRED');
  assert.equal((await faceCheck('sign-in', 'hopper--photo.jpg')).accepted, true);
  await desk.sync();
  for (const id of [first, second]) await pharmacist.ok('review:claim', { requestId: randomUUID(), prescriptionId: id });

  const approve = (prescriptionId: string, proof: { faceAttemptId?: string; password?: string }) =>
    pharmacist.code('review:decide', { decisionId: randomUUID(), prescriptionId, decision: 'approve', ...proof });
  const decided = async () => (await hospital.db.query<{ id: string }>(`SELECT prescription_id AS id FROM review_decisions`)).map((r) => r.id).sort();

  test('refused without a face check, with the password, and with a face check never issued', async () => {
    assert.equal(await approve(first, {}), 'STEP_UP_REQUIRED');
    assert.equal(await approve(first, { password: demo.pharmacist.password }), 'STEP_UP_REQUIRED');
    assert.equal(await approve(first, { faceAttemptId: 'never-issued' }), 'FACE_ATTEMPT_UNKNOWN');
    assert.deepEqual(await decided(), [], 'nothing reached the server');
  });

  test('another person at the camera is refused; the pharmacist\'s own fresh check decides, once', async () => {
    const stranger = await faceCheck('step-up', 'collins--photo.jpg');
    assert.equal(stranger.accepted, false, 'Eileen Collins is not the enrolled pharmacist');
    const own = await faceCheck('step-up', 'hopper--photo.jpg');
    assert.equal(own.accepted, true, String(own.reason));
    assert.equal(await approve(first, { faceAttemptId: own.attemptId }), 'ok');
    assert.equal(await approve(second, { faceAttemptId: own.attemptId }), 'FACE_ATTEMPT_USED');
    assert.deepEqual(await decided(), [first], 'one decision, the one the check was spent on');
  });

  test('a face check finished more than 60 s before the decision is stale', async () => {
    const own = await faceCheck('step-up', 'hopper--photo.jpg');
    hospital.clock += 61_000;
    assert.equal(await approve(second, { faceAttemptId: own.attemptId }), 'FACE_ATTEMPT_STALE');
    assert.deepEqual(await decided(), [first]);
  });
});
