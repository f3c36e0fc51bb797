/**
 * A face check end to end in main, on real photos through the face worker: the matcher and the
 * liveness judge decide together, and a refused frame changes nothing. A photo of the enrolled
 * person matches but is not live; a different person does not match; a frame after the end is refused.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { FACE_MATCH_THRESHOLD, type LivenessChallenge } from '../../../shared/face';
import { startFaceWorker, type FaceClient } from './faceClient';
import { FaceAttempt } from './faceAttempt';
import { faceTestSet, photo } from './testSet';

const set = faceTestSet();
const skip = set.photos ? false : `face test set unavailable: ${set.skipReason}`;
const challenge: LivenessChallenge = { kind: 'blink', nonce: 'n', issuedAt: 0, expiresAt: 8000 };

describe('a face check', { skip }, () => {
  let face: FaceClient;
  let template: number[];
  const bytes = (file: string) => readFileSync(photo(set, file).path);
  before(async () => {
    face = await startFaceWorker({ modelsDir: set.modelsDir });
    const enrolled = await face.analyse(bytes('hopper--photo.jpg'));
    assert.ok(enrolled.ok && enrolled.analysis.face);
    template = enrolled.analysis.face.descriptor;
  });
  after(() => face.close());

  async function attemptWith(file: string, frames: number): Promise<FaceAttempt> {
    const attempt = new FaceAttempt(face, challenge, template);
    for (let i = 0; i < frames; i++) assert.ok((await attempt.addFrame(bytes(file), 100 + i * 100)).ok);
    return attempt;
  }

  test('the enrolled person\'s photo fed as every frame: matches, but refused as a photo', async () => {
    const decision = (await attemptWith('hopper--mirror.jpg', 10)).finish();
    assert.equal(decision.accepted, false);
    assert.equal(decision.reason, 'photo-suspected');
    assert.ok(decision.similarity !== null && decision.similarity >= FACE_MATCH_THRESHOLD, String(decision.similarity));
    assert.equal(decision.frames, 10);
  });
  test('another person: refused as no-match', async () => {
    const decision = (await attemptWith('collins--photo.jpg', 10)).finish();
    assert.deepEqual([decision.accepted, decision.reason], [false, 'no-match']);
    assert.ok(decision.similarity! < FACE_MATCH_THRESHOLD);
  });
  test('several faces in every frame: no usable frame, and the user was told why', async () => {
    const attempt = new FaceAttempt(face, challenge, template);
    assert.deepEqual(await attempt.addFrame(bytes('group--sample1.jpg'), 100), { ok: true, guidance: 'several-faces' });
    assert.equal(attempt.finish().reason, 'no-usable-frame');
  });
  test('a bad frame is refused with its code and not counted; after the end, frames are refused', async () => {
    const attempt = await attemptWith('hopper--photo.jpg', 3);
    const png = await attempt.addFrame(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]), 400);
    assert.equal(png.ok ? 'accepted' : png.code, 'FRAME_NOT_JPEG');
    assert.equal(attempt.finish().frames, 3);
    const late = await attempt.addFrame(bytes('hopper--photo.jpg'), 500);
    assert.equal(late.ok ? 'accepted' : late.code, 'ATTEMPT_CLOSED');
  });
});
