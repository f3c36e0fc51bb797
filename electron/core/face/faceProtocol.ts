import type { FaceAnalysis } from '../../../shared/face';
import type { FrameErrorCode } from './jpegFrame';
import type { FaceBackend } from './engine';

/** Messages between whoever starts the face worker (the core) and the worker (faceWorker.ts). */
export interface FaceWorkerOptions {
  modelsDir: string;
  backends?: FaceBackend[];
}

export type ToFace = { type: 'analyse'; id: number; jpeg: Uint8Array } | { type: 'close' };

/** A frame the engine refused (its own code), or a failure of the engine itself. */
export type AnalyseOutcome = { ok: true; analysis: FaceAnalysis } | { ok: false; code: FrameErrorCode | 'ENGINE_FAILED'; message: string };

export type FromFace =
  | { type: 'ready'; backend: FaceBackend; loadMs: number }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; outcome: AnalyseOutcome };
