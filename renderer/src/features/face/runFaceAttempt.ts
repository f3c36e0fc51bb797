import type { RequestOf, ResponseOf } from '../../../../shared/ipc';
import type { Result } from '../../../../shared/result';
import { invoke } from '../../api';
import { toBase64 } from './base64';
import { frameLimits } from './frameCapture';

export type FaceBegun = ResponseOf<'face:begin'>;
export type FaceFrameAnswer = ResponseOf<'face:frame'>;
export type FaceOutcome = ResponseOf<'face:finish'>;

/**
 * How many frames one verification sends before asking main for its verdict. Main judges the
 * track (shared/face/liveness.ts needs at least 8 frames); these only decide when to ask.
 * Looking at the camera (passive policy) takes about 2 s at 5 frames a second (issue 9: camera on
 * to session in about 2 s); a blink or a turn needs time to read the prompt and move, about 4 s.
 */
const framesToSend = { 'look-at-camera': 10, challenge: 20 } as const;
/**
 * Main refuses a frame stamped after the check expires and a verdict asked after it
 * (challenge-expired), so the last frame and `face:finish` must both land before `expiresAt`.
 * The next frame goes only if one more round trip, as long as the last one took (inference is
 * slower on a loaded machine), and the finish still fit, with this much to spare.
 */
const expirySpareMs = 300;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface AttemptEvents {
  begun(begun: FaceBegun): void;
  frame(answer: FaceFrameAnswer): void;
}

/**
 * One face check from begin to verdict: frames one at a time (the next leaves only once main has
 * answered the last, and never sooner than `frameLimits.intervalMs`), then `face:finish`. Main
 * decides everything; this only captures and asks. Cancelled through `signal`: the attempt is
 * cancelled in main too, and the result is null.
 */
export async function runFaceAttempt(
  request: RequestOf<'face:begin'>,
  capture: () => Promise<Uint8Array | null>,
  events: AttemptEvents,
  signal: AbortSignal,
): Promise<Result<FaceOutcome> | null> {
  const begun = await invoke('face:begin', request);
  if (!begun.ok) return begun;
  if (signal.aborted) return cancel(begun.value.attemptId);
  events.begun(begun.value);
  const { attemptId, capturesNeeded, prompt } = begun.value;
  const expiresAt = Date.parse(begun.value.challenge.expiresAt);
  let roundTripMs = 0;
  const timeForAnother = () => Date.now() + 1.5 * roundTripMs + expirySpareMs < expiresAt;
  const enough = (answer: FaceFrameAnswer | null) =>
    answer !== null &&
    (capturesNeeded > 0
      ? answer.capturesDone >= capturesNeeded
      : answer.frames >= (prompt === 'look-at-camera' ? framesToSend['look-at-camera'] : framesToSend.challenge));

  let last: FaceFrameAnswer | null = null;
  while (!enough(last) && timeForAnother()) {
    if (signal.aborted) return cancel(attemptId);
    const started = Date.now();
    const jpeg = await capture();
    if (jpeg) {
      const answer = await invoke('face:frame', { attemptId, jpeg: toBase64(jpeg) });
      if (!answer.ok) return answer;
      last = answer.value;
      roundTripMs = Date.now() - started;
      events.frame(answer.value);
    }
    await wait(Math.max(0, frameLimits.intervalMs - (Date.now() - started)));
  }
  if (signal.aborted) return cancel(attemptId);
  return invoke('face:finish', { attemptId });
}

async function cancel(attemptId: string): Promise<null> {
  await invoke('face:cancel', { attemptId });
  return null;
}
