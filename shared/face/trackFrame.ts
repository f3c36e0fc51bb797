import type { FaceAnalysis } from './analysis';
import { cosineSimilarity } from './similarity';
import type { TrackFrame } from './track';

/** Summarises one analysed frame for the liveness track; `first` is the track's first descriptor. */
export function toTrackFrame(t: number, analysis: FaceAnalysis, first: readonly number[] | undefined): TrackFrame {
  const frame: TrackFrame = { t, frameWidth: analysis.width, faces: analysis.faces.length };
  const face = analysis.face;
  if (!face) return frame;
  return {
    ...frame,
    box: face.box,
    eyeOpenness: face.eyeOpenness,
    yaw: face.yaw,
    brightness: face.brightness,
    sharpness: face.sharpness,
    similarityToFirst: first ? cosineSimilarity(first, face.descriptor) : 1,
  };
}
