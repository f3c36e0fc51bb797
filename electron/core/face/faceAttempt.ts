/**
 * One face check (issue 9): the frames main receives while a challenge is open, judged together
 * when the attempt ends. The seam for the session service: it issues the challenge (ChallengeBook),
 * passes the user's enrolled template, feeds each frame as it arrives, and audits the decision
 * (similarity and liveness, never an image). The renderer supplies only JPEG bytes; timestamps are
 * main's, and the descriptor and the verdict are computed here.
 */
import {
  FACE_MATCH_THRESHOLD,
  frameGuidance,
  judgeLiveness,
  toTrackFrame,
  cosineSimilarity,
  type FaceGuidance,
  type LivenessCheck,
  type LivenessFailure,
  type LivenessVerdict,
  type TrackFrame,
} from '../../../shared/face';
import type { FaceClient } from './faceClient';
import type { AnalyseOutcome } from './faceProtocol';

export type FrameRefusal = Exclude<AnalyseOutcome, { ok: true }>['code'] | 'ATTEMPT_CLOSED';

export interface AttemptDecision {
  accepted: boolean;
  /** null when accepted. */
  reason: LivenessFailure | 'no-usable-frame' | 'no-match' | null;
  /** Median similarity to the template over the frames that passed the quality gates. */
  similarity: number | null;
  liveness: LivenessVerdict;
  /** Human's passive scores, median over the usable frames: audited, not decisive (issue 9). */
  antispoof: number | null;
  livenessScore: number | null;
  frames: number;
}

const median = (values: number[]): number | null => (values.length === 0 ? null : [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!);

export class FaceAttempt {
  private readonly track: TrackFrame[] = [];
  private readonly usable: { similarity: number; antispoof: number; liveness: number }[] = [];
  private first: number[] | undefined;
  private closed = false;

  constructor(
    private readonly face: FaceClient,
    readonly challenge: LivenessCheck,
    private readonly template: readonly number[],
    private readonly threshold = FACE_MATCH_THRESHOLD,
  ) {}

  /** Frames analysed so far (refused frames are not counted). */
  get frames(): number {
    return this.track.length;
  }

  /** Analyses one frame; the guidance is what the user is told now. A refused frame changes nothing. */
  async addFrame(jpeg: Uint8Array, now: number): Promise<{ ok: true; guidance: FaceGuidance | null } | { ok: false; code: FrameRefusal; message: string }> {
    if (this.closed) return { ok: false, code: 'ATTEMPT_CLOSED', message: 'This face check has ended; start a new one.' };
    const outcome = await this.face.analyse(jpeg);
    if (!outcome.ok) return outcome;
    if (this.closed) return { ok: false, code: 'ATTEMPT_CLOSED', message: 'This face check ended while the frame was analysed.' };
    const { analysis } = outcome;
    this.first ??= analysis.face?.descriptor;
    this.track.push(toTrackFrame(now, analysis, this.first));
    const guidance = frameGuidance(analysis);
    if (guidance === null && analysis.face)
      this.usable.push({ similarity: cosineSimilarity(this.template, analysis.face.descriptor), antispoof: analysis.face.antispoof, liveness: analysis.face.liveness });
    return { ok: true, guidance };
  }

  /** Ends the attempt: accepted only when a usable frame matches the template and the challenge was answered live. */
  finish(): AttemptDecision {
    this.closed = true;
    const liveness = judgeLiveness(this.track, this.challenge, this.threshold);
    const similarity = median(this.usable.map((u) => u.similarity));
    const reason = similarity === null ? 'no-usable-frame' : similarity < this.threshold ? 'no-match' : liveness.pass ? null : liveness.reason;
    return {
      accepted: reason === null,
      reason,
      similarity,
      liveness,
      antispoof: median(this.usable.map((u) => u.antispoof)),
      livenessScore: median(this.usable.map((u) => u.liveness)),
      frames: this.track.length,
    };
  }
}
