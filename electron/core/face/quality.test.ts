/** The quality gates and the matcher's arithmetic, on analyses built by hand: one rule per case. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cosineSimilarity, frameGuidance, type FaceAnalysis, type FaceDetail } from '../../../shared/face';

const good: FaceDetail = {
  box: [200, 120, 240, 240],
  yaw: 2,
  pitch: 4,
  roll: -1,
  eyeOpenness: 0.3,
  sharpness: 300,
  brightness: 120,
  descriptor: [1, 0],
  antispoof: 0.8,
  liveness: 0.9,
};
const frame = (face: Partial<FaceDetail>): FaceAnalysis => {
  const detail = { ...good, ...face };
  return { width: 640, height: 480, faces: [{ box: detail.box, score: 0.9 }], face: detail };
};

describe('quality gates', () => {
  const cases: [string, FaceAnalysis, string | null][] = [
    ['a good frontal face', frame({}), null],
    ['nobody', { width: 640, height: 480, faces: [] }, 'no-face'],
    ['two faces', { width: 640, height: 480, faces: [{ box: good.box, score: 0.9 }, { box: [0, 0, 100, 100], score: 0.8 }] }, 'several-faces'],
    ['a face 80 px wide in 640', frame({ box: [10, 10, 80, 80] }), 'move-closer'],
    ['a dark face', frame({ brightness: 30 }), 'too-dark'],
    ['a washed-out face', frame({ brightness: 240 }), 'too-bright'],
    ['a blurred face', frame({ sharpness: 5 }), 'hold-still'],
    ['a face turned 25 degrees', frame({ yaw: -25 }), 'face-the-camera'],
    ['a face tilted 30 degrees', frame({ roll: 30 }), 'face-the-camera'],
  ];
  for (const [name, analysis, expected] of cases) test(`${name}: ${expected ?? 'usable'}`, () => assert.equal(frameGuidance(analysis), expected));
});

describe('cosine similarity', () => {
  test('is not clamped: opposite descriptors give -1, orthogonal 0', () => {
    assert.equal(cosineSimilarity([1, 2], [-1, -2]), -1);
    assert.equal(cosineSimilarity([1, 0], [0, 3]), 0);
    assert.ok(Math.abs(cosineSimilarity([1, 2, 3], [2, 4, 6]) - 1) < 1e-12);
  });
  test('descriptors of different lengths are an error, not a score', () => assert.throws(() => cosineSimilarity([1, 2], [1]), RangeError));
});
