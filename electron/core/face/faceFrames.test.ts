/**
 * Bad input on the face channels gets its own code and changes nothing (issue 9, "Bad input"): a
 * frame for an attempt that does not exist or has finished, an oversized, too-wide or non-JPEG
 * frame, bytes that are not base64. The attempt goes on as if the bad frame never came.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import jpeg from 'jpeg-js';
import { doctor } from '../testing/fixtures';
import { faceCore, framesOf, skip } from './faceTestKit';

describe('face frames: bad input', { skip }, async () => {
  const { enroll, as } = await faceCore({ liveness: 'passive' });
  await enroll('doctor', 'hopper--photo.jpg');
  const desk = as('c-desk');
  assert.equal(await desk.code('auth:signIn', doctor), 'FACE_REQUIRED');
  const [good] = framesOf('hopper--photo.jpg', 1);

  test('a frame for an attempt that does not exist, or one on another connection', async () => {
    assert.equal(await desk.code('face:frame', { attemptId: 'no-such-attempt', jpeg: good }), 'FACE_ATTEMPT_UNKNOWN');
    const begun = await desk.ok('face:begin', { purpose: 'sign-in' });
    assert.equal(await as('c-elsewhere').code('face:frame', { attemptId: begun.attemptId, jpeg: good }), 'FACE_ATTEMPT_UNKNOWN');
    await desk.ok('face:cancel', { attemptId: begun.attemptId });
  });

  test('oversized, too wide, not a JPEG, not base64: each its code, and the attempt counts none of them', async () => {
    const begun = await desk.ok('face:begin', { purpose: 'sign-in' });
    const oversized = Buffer.alloc(210 * 1024, 0);
    oversized.set([0xff, 0xd8, 0xff, 0xe0]);
    const wide = Buffer.from(jpeg.encode({ data: Buffer.alloc(800 * 100 * 4, 128), width: 800, height: 100 }, 80).data);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const cases: [string, string][] = [
      [oversized.toString('base64'), 'FRAME_TOO_LARGE'],
      [wide.toString('base64'), 'FRAME_DIMENSIONS'],
      [png.toString('base64'), 'FRAME_NOT_JPEG'],
      ['not base64 at all!', 'INVALID_REQUEST'],
    ];
    for (const [bytes, code] of cases) assert.equal(await desk.code('face:frame', { attemptId: begun.attemptId, jpeg: bytes }), code);
    const first = await desk.ok('face:frame', { attemptId: begun.attemptId, jpeg: good! });
    assert.deepEqual(first, { guidance: null, frames: 1, capturesDone: 0 }, 'the good frame is the first one counted');
    await desk.ok('face:cancel', { attemptId: begun.attemptId });
  });

  test('a frame after the attempt finished, and finishing it twice', async () => {
    const begun = await desk.ok('face:begin', { purpose: 'sign-in' });
    await desk.ok('face:finish', { attemptId: begun.attemptId });
    assert.equal(await desk.code('face:frame', { attemptId: begun.attemptId, jpeg: good }), 'FACE_ATTEMPT_CLOSED');
    assert.equal(await desk.code('face:finish', { attemptId: begun.attemptId }), 'FACE_ATTEMPT_CLOSED');
    assert.deepEqual(await desk.ok('auth:current', {}), null, 'no session came of it');
  });

  test('a descriptor or verdict from the renderer is not accepted: the schemas have no field for one', async () => {
    const begun = await desk.ok('face:begin', { purpose: 'sign-in' });
    assert.equal(await desk.code('face:finish', { attemptId: begun.attemptId, accepted: true }), 'INVALID_REQUEST');
    assert.equal(await desk.code('face:frame', { attemptId: begun.attemptId, jpeg: good, descriptor: [1, 2, 3] }), 'INVALID_REQUEST');
    await desk.ok('face:cancel', { attemptId: begun.attemptId });
  });
});
