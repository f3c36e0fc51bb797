import type { LivenessCheck } from './challenge';
import { qualityLimits } from './quality';
import { FACE_MATCH_THRESHOLD } from './similarity';
import type { TrackFrame } from './track';

/**
 * Decides an active liveness challenge from a track of frame summaries (issue 9). Pure: the frames
 * were stamped and analysed by main; this only judges them. The order of the checks is the order of
 * the guidance: a frame problem the user can fix comes before a verdict on the attempt.
 */
export const livenessFailures = [
  'no-face',
  'several-faces',
  'too-dark',
  'move-closer',
  'hold-still',
  'too-few-frames',
  'challenge-expired',
  'face-changed',
  'replay-suspected',
  'photo-suspected',
  'challenge-not-performed',
] as const;
export type LivenessFailure = (typeof livenessFailures)[number];
export type LivenessVerdict = { pass: true } | { pass: false; reason: LivenessFailure };

export const livenessLimits = {
  /** A blink lasts 100-400 ms (Caffier et al. 2003); at 10-15 fps that is a handful of frames. */
  minFrames: 8,
  /** Share of frames that may lack a usable face (a blink or a turn can lose the detector briefly). */
  maxFaceLossShare: 0.25,
  /** The box centre may move this share of the face width between frames: more is a jerk, and blurs. */
  maxStepShare: 0.25,
  /** Eye closed when the aspect ratio falls below this share of the open baseline, open again above the second. */
  blinkClosedShare: 0.65,
  blinkReopenShare: 0.85,
  maxBlinkMs: 700,
  /** Degrees of yaw away from the start pose that count as a turn. */
  turnDegrees: 18,
  /** Frames within this many degrees of the starting yaw are compared with the first frame's face. */
  frontalYaw: 12,
  /**
   * No variation at all: one still image fed as every frame (a virtual camera). Measured on the
   * recorded fixtures, a printed photo in front of a camera is NOT caught by this: sensor noise
   * alone moves the detector's eye aspect ratio by sd ~0.006 and its yaw by sd ~0.2 degrees, which
   * is as much as a live face held still can be expected to show. The challenge stops that photo.
   */
  minEyeJitter: 0.0005,
  minYawJitter: 0.02,
  /** Frames whose summaries agree to this rounding are the same picture: a camera never repeats itself exactly. */
  repeatedFrameLimit: 2,
} as const;

const fail = (reason: LivenessFailure): LivenessVerdict => ({ pass: false, reason });

type FaceFrame = TrackFrame & Required<Pick<TrackFrame, 'box' | 'eyeOpenness' | 'yaw' | 'brightness' | 'sharpness' | 'similarityToFirst'>>;
const hasFace = (f: TrackFrame): f is FaceFrame => f.faces === 1 && f.box !== undefined && f.eyeOpenness !== undefined && f.yaw !== undefined;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}
function spread(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
}

/**
 * `challenge.kind === 'none'` (the passive policy) skips only the last step, the challenge's
 * performance: a still photo is then stopped only by the micro-motion and repeated-frame checks,
 * which is why 'challenge' is the default (see livenessLimits.minEyeJitter).
 */
export function judgeLiveness(track: readonly TrackFrame[], challenge: LivenessCheck, threshold = FACE_MATCH_THRESHOLD): LivenessVerdict {
  // Frames from before the challenge were not an answer to it; out-of-order stamps are not a camera.
  for (let i = 0; i < track.length; i++) {
    const f = track[i]!;
    if (f.t < challenge.issuedAt || (i > 0 && f.t <= track[i - 1]!.t)) return fail('replay-suspected');
    if (f.t > challenge.expiresAt) return fail('challenge-expired');
  }
  if (track.some((f) => f.faces > 1)) return fail('several-faces');
  const faces = track.filter(hasFace);
  if (faces.length === 0 || faces.length < track.length * (1 - livenessLimits.maxFaceLossShare)) return fail('no-face');
  if (track.length < livenessLimits.minFrames) return fail('too-few-frames');

  if (median(faces.map((f) => f.brightness)) < qualityLimits.minBrightness) return fail('too-dark');
  if (median(faces.map((f) => f.box[2] / f.frameWidth)) < qualityLimits.minFaceShare) return fail('move-closer');
  for (let i = 1; i < faces.length; i++) {
    const [a, b] = [faces[i - 1]!, faces[i]!];
    const step = Math.hypot(b.box[0] + b.box[2] / 2 - (a.box[0] + a.box[2] / 2), b.box[1] + b.box[3] / 2 - (a.box[1] + a.box[3] / 2));
    if (step > livenessLimits.maxStepShare * a.box[2]) return fail('hold-still');
  }
  if (median(faces.map((f) => f.sharpness)) < qualityLimits.minSharpness) return fail('hold-still');
  // The person who starts the challenge must be the one who finishes it. Compared on the frames
  // near the starting pose: a profile's descriptor is not the frontal one's, and the box may not
  // jump (above), so nobody can swap in during the turn.
  const startYaw = median(faces.slice(0, 3).map((f) => f.yaw));
  if (faces.some((f) => Math.abs(f.yaw - startYaw) <= livenessLimits.frontalYaw && f.similarityToFirst < threshold)) return fail('face-changed');

  const eyes = faces.map((f) => f.eyeOpenness);
  const yaws = faces.map((f) => f.yaw);
  if (spread(eyes) < livenessLimits.minEyeJitter && spread(yaws) < livenessLimits.minYawJitter) return fail('photo-suspected');
  if (hasRepeatedFrames(faces)) return fail('replay-suspected');

  if (challenge.kind === 'none') return { pass: true };
  const performed = challenge.kind === 'blink' ? blinked(faces) : turned(faces, challenge.kind === 'turn-left' ? 1 : -1);
  return performed ? { pass: true } : fail('challenge-not-performed');
}

/** The same summary more than `repeatedFrameLimit` times: frames looped or replayed from a recording. */
function hasRepeatedFrames(faces: readonly FaceFrame[]): boolean {
  const seen = new Map<string, number>();
  for (const f of faces) {
    const key = [...f.box.map((v) => v.toFixed(1)), f.eyeOpenness.toFixed(4), f.yaw.toFixed(2), f.sharpness.toFixed(1)].join('|');
    const n = (seen.get(key) ?? 0) + 1;
    if (n > livenessLimits.repeatedFrameLimit) return true;
    seen.set(key, n);
  }
  return false;
}

/**
 * Open, then closed below a share of the open baseline, then open again, within a blink's duration.
 * The baseline is the first frames, taken while the prompt asks to look at the camera: a median
 * over the whole track would sink with eyes held shut.
 */
function blinked(faces: readonly FaceFrame[]): boolean {
  const baseline = median(faces.slice(0, 3).map((f) => f.eyeOpenness));
  let closedAt: number | null = null;
  let openBefore = false;
  for (const f of faces) {
    const ratio = f.eyeOpenness / baseline;
    if (closedAt === null) {
      if (ratio >= livenessLimits.blinkReopenShare) openBefore = true;
      else if (openBefore && ratio < livenessLimits.blinkClosedShare) closedAt = f.t;
    } else if (ratio >= livenessLimits.blinkReopenShare) {
      if (f.t - closedAt <= livenessLimits.maxBlinkMs) return true;
      closedAt = null;
      openBefore = true;
    }
  }
  return false;
}

/** Yaw moves `turnDegrees` from the starting pose in the asked direction, before any turn the other way. */
function turned(faces: readonly FaceFrame[], direction: 1 | -1): boolean {
  const start = median(faces.slice(0, 3).map((f) => f.yaw));
  for (const f of faces) {
    const delta = (f.yaw - start) * direction;
    if (delta >= livenessLimits.turnDegrees) return true;
    if (delta <= -livenessLimits.turnDegrees) return false;
  }
  return false;
}
