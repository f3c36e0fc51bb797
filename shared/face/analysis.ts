/**
 * What the face engine reports for one camera frame (electron/core/face). Main decides from this;
 * it never comes from the renderer. Angles in degrees, boxes in pixels of the frame.
 */
export type FaceBox = readonly [x: number, y: number, width: number, height: number];

export interface DetectedFace {
  box: FaceBox;
  /** The detector's confidence, 0..1. */
  score: number;
}

export interface FaceDetail {
  box: FaceBox;
  /** Head pose from the mesh: yaw > 0 is the head turned to the person's own left (unmirrored frame). */
  yaw: number;
  pitch: number;
  roll: number;
  /** Eye aspect ratio (Soukupová & Čech 2016), mean of both eyes: ~0.25-0.35 open, < 0.18 closed. */
  eyeOpenness: number;
  /** Variance of the Laplacian over the face, on 0..255 grey: low is blurred. */
  sharpness: number;
  /** Mean luma of the face, 0..255. */
  brightness: number;
  /** The faceres descriptor, 1024 numbers. */
  descriptor: number[];
  /** Human's passive scores, 0..1. Alone they do not separate real photos (issue 9). */
  antispoof: number;
  liveness: number;
}

export interface FaceAnalysis {
  width: number;
  height: number;
  /** The faces found, at most two: two already means "several faces" (engine.ts). */
  faces: DetectedFace[];
  /** Present when exactly one face was found. */
  face?: FaceDetail;
}
