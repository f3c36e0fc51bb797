/**
 * Enrollment captures (issue 9, item 6): each frame passes the quality gates (one face, size,
 * frontal pose, sharpness, exposure: shared/face/quality.ts) or is not kept, and its guidance says
 * why. The template is the normalised mean of 3-5 captures' descriptors; the frames and the
 * capture descriptors are dropped with this object, so only the template is ever stored.
 */
import { cosineSimilarity, frameGuidance, type FaceGuidance } from '../../../shared/face';
import type { FaceClient } from './faceClient';
import type { FrameRefusal } from './faceAttempt';

export const enrollmentCaptures = { min: 3, max: 5 } as const;

export type EnrollmentResult = { ok: true; descriptor: number[]; captures: number } | { ok: false; reason: 'too-few-captures' | 'face-changed' };

export class Enrollment {
  private readonly captures: number[][] = [];
  private closed = false;
  frames = 0;

  constructor(
    private readonly face: FaceClient,
    private readonly threshold: number,
  ) {}

  get capturesDone(): number {
    return this.captures.length;
  }

  async addFrame(jpeg: Uint8Array): Promise<{ ok: true; guidance: FaceGuidance | null } | { ok: false; code: FrameRefusal; message: string }> {
    if (this.closed) return { ok: false, code: 'ATTEMPT_CLOSED', message: 'This enrollment has ended; start a new one.' };
    const outcome = await this.face.analyse(jpeg);
    if (!outcome.ok) return outcome;
    if (this.closed) return { ok: false, code: 'ATTEMPT_CLOSED', message: 'This enrollment ended while the frame was analysed.' };
    this.frames++;
    const guidance = frameGuidance(outcome.analysis);
    if (guidance === null && outcome.analysis.face && this.captures.length < enrollmentCaptures.max) this.captures.push(outcome.analysis.face.descriptor);
    return { ok: true, guidance };
  }

  /** Every capture must be the same person as the template made of them all: nobody swaps in. */
  finish(): EnrollmentResult {
    this.closed = true;
    if (this.captures.length < enrollmentCaptures.min) return { ok: false, reason: 'too-few-captures' };
    const descriptor = normalisedMean(this.captures);
    if (this.captures.some((c) => cosineSimilarity(c, descriptor) < this.threshold)) return { ok: false, reason: 'face-changed' };
    return { ok: true, descriptor, captures: this.captures.length };
  }
}

export function normalisedMean(vectors: readonly (readonly number[])[]): number[] {
  const length = vectors[0]?.length ?? 0;
  const sum = new Array<number>(length).fill(0);
  for (const v of vectors) for (let i = 0; i < length; i++) sum[i]! += v[i]!;
  const norm = Math.sqrt(sum.reduce((a, x) => a + x * x, 0));
  return norm === 0 ? sum : sum.map((x) => x / norm);
}
