/**
 * The liveness judge on tracks: attacks and guidance cases recorded from the face engine's output
 * (scripts/face-record-tracks.ts), and live answers written into a recorded track (fixtures/
 * synthetic.ts: no camera here to film a real blink or turn). Each attack must fail, with the
 * reason the user is shown; a live answer passes only the challenge it was asked.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import moved from './fixtures/photo-moved.json' with { type: 'json' };
import still from './fixtures/photo-still.json' with { type: 'json' };
import turnedLeftEdge from './fixtures/photo-turned-left-edge.json' with { type: 'json' };
import turnedRightEdge from './fixtures/photo-turned-right-edge.json' with { type: 'json' };
import nobody from './fixtures/nobody.json' with { type: 'json' };
import severalFaces from './fixtures/several-faces.json' with { type: 'json' };
import tooDark from './fixtures/too-dark.json' with { type: 'json' };
import tooFar from './fixtures/too-far.json' with { type: 'json' };
import { looped, withBlink, withTurn } from './fixtures/synthetic';
import { judgeLiveness, pickChallenge, type ChallengeKind, type LivenessChallenge, type LivenessVerdict, type TrackFrame } from '../../../shared/face';

const frames = (fixture: { frames: unknown[] }) => fixture.frames as TrackFrame[];
const challenge = (kind: ChallengeKind): LivenessChallenge => ({ kind, nonce: 'n-1', issuedAt: 1000, expiresAt: 9000 });
const kinds: ChallengeKind[] = ['blink', 'turn-left', 'turn-right'];
const reason = (v: LivenessVerdict) => (v.pass ? 'pass' : v.reason);

describe('liveness: live answers pass the challenge asked, and only that one', () => {
  const base = frames(moved);
  const answers: [string, TrackFrame[], ChallengeKind][] = [
    ['a blink', withBlink(base, 10), 'blink'],
    ['a turn to the left', withTurn(base, 30), 'turn-left'],
    ['a turn to the right', withTurn(base, -30), 'turn-right'],
  ];
  for (const [name, track, asked] of answers)
    for (const kind of kinds)
      test(`${name} under a ${kind} challenge: ${kind === asked ? 'pass' : 'challenge-not-performed'}`, () =>
        assert.equal(reason(judgeLiveness(track, challenge(kind))), kind === asked ? 'pass' : 'challenge-not-performed'));

  test('a sweep right then left does not answer "turn left"', () => {
    const sweep = withTurn(withTurn(base, -30, 1, 3), 30, 11, 3);
    assert.equal(reason(judgeLiveness(sweep, challenge('turn-left'))), 'challenge-not-performed');
  });
  test('a turn too small (10 degrees) is not a turn', () => assert.equal(reason(judgeLiveness(withTurn(base, 10), challenge('turn-left'))), 'challenge-not-performed'));
  test('eyes closed for 1.5 s is not a blink', () => {
    const slow = base.map((f, i) => (i >= 3 && i < 18 ? { ...f, eyeOpenness: f.eyeOpenness! * 0.2 } : f));
    assert.equal(reason(judgeLiveness(slow, challenge('blink'))), 'challenge-not-performed');
  });
});

describe('liveness: recorded photo attacks fail every challenge', () => {
  for (const kind of kinds) {
    // Sensor noise moves the detector as much as a live face held still would: the challenge stops this one.
    test(`a printed photo held still (${kind}): challenge-not-performed`, () => assert.equal(reason(judgeLiveness(frames(still), challenge(kind))), 'challenge-not-performed'));
    test(`one still image as every frame, as a virtual camera sends it (${kind}): photo-suspected`, () => {
      const image = frames(still).map((f) => ({ ...frames(still)[0]!, t: f.t }));
      assert.equal(reason(judgeLiveness(image, challenge(kind))), 'photo-suspected');
    });
    test(`a photo moved in the hand (${kind}): challenge-not-performed`, () => assert.equal(reason(judgeLiveness(frames(moved), challenge(kind))), 'challenge-not-performed'));
    for (const [edge, fixture] of [['left', turnedLeftEdge], ['right', turnedRightEdge]] as const)
      test(`a photo turned about its axis, ${edge} edge receding (${kind}): fails`, () => assert.equal(judgeLiveness(frames(fixture), challenge(kind)).pass, false));
  }
  test('a recorded blink played in a loop: replay-suspected', () => {
    const loop = looped(withBlink(frames(moved), 3), 7, 3);
    assert.equal(reason(judgeLiveness(loop, challenge('blink'))), 'replay-suspected');
  });
});

describe('liveness: the attempt itself', () => {
  const blink = withBlink(frames(moved), 10);
  const at = (offset: number) => blink.map((f) => ({ ...f, t: f.t + offset }));
  test('frames from before the challenge was issued: replay-suspected', () => assert.equal(reason(judgeLiveness(at(-500), challenge('blink'))), 'replay-suspected'));
  test('frames after its expiry: challenge-expired', () => assert.equal(reason(judgeLiveness(at(7000), challenge('blink'))), 'challenge-expired'));
  test('frames out of order: replay-suspected', () => {
    const swapped = [...blink];
    [swapped[3], swapped[4]] = [swapped[4]!, swapped[3]!];
    assert.equal(reason(judgeLiveness(swapped, challenge('blink'))), 'replay-suspected');
  });
  test('too short a track: too-few-frames', () => assert.equal(reason(judgeLiveness(blink.slice(0, 5), challenge('blink'))), 'too-few-frames'));
  test('another face mid-challenge: face-changed', () => {
    const swapped = blink.map((f, i) => (i > 12 ? { ...f, similarityToFirst: 0.35 } : f));
    assert.equal(reason(judgeLiveness(swapped, challenge('blink'))), 'face-changed');
  });
  test('a jerk of the head between frames: hold-still', () => {
    const jerk = blink.map((f, i) => (i === 9 ? { ...f, box: [f.box![0] + f.box![2] * 0.5, f.box![1], f.box![2], f.box![3]] as const } : f));
    assert.equal(reason(judgeLiveness(jerk, challenge('blink'))), 'hold-still');
  });
  test('the challenge is one of the three, from the random source given', () => {
    assert.deepEqual([0, 1, 2].map((n) => pickChallenge(() => n, 'x', 0).kind), kinds);
    assert.throws(() => pickChallenge(() => 3, 'x', 0), RangeError);
  });
});

describe('liveness: guidance from recorded tracks', () => {
  const cases: [string, { frames: unknown[] }, string][] = [
    ['nobody in front of the camera', nobody, 'no-face'],
    ['three people', severalFaces, 'several-faces'],
    ['a dark room', tooDark, 'too-dark'],
    ['a face far away', tooFar, 'move-closer'],
  ];
  for (const [name, fixture, expected] of cases)
    test(`${name}: ${expected}`, () => assert.equal(reason(judgeLiveness(frames(fixture), challenge('blink'))), expected));
});
