import type { FaceBox } from './analysis';

/**
 * One frame of a liveness track, summarised from the engine's analysis (trackFrame.ts). Small on
 * purpose: no image and no descriptor, so tracks can be recorded as test fixtures and audited.
 */
export interface TrackFrame {
  /** Main's arrival time, ms. */
  t: number;
  frameWidth: number;
  /** Faces the detector found. The fields below are present only when it found exactly one. */
  faces: number;
  box?: FaceBox;
  eyeOpenness?: number;
  /** Degrees; > 0 is the person's own left. */
  yaw?: number;
  brightness?: number;
  sharpness?: number;
  /** Cosine similarity of this frame's descriptor to the track's first frame. */
  similarityToFirst?: number;
}
