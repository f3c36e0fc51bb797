import type { FaceAnalysis } from './analysis';

/**
 * Quality gates for a frame that is to be matched or enrolled (issue 9: one face, size, frontal
 * pose, sharpness, exposure), each failure with the guidance the user sees.
 */
export const faceGuidance = ['no-face', 'several-faces', 'too-dark', 'too-bright', 'move-closer', 'hold-still', 'face-the-camera'] as const;
export type FaceGuidance = (typeof faceGuidance)[number];

export const qualityLimits = {
  /** Face width as a share of the frame width: a face smaller than this is too far for a reliable descriptor. */
  minFaceShare: 0.18,
  /** Mean face luma on 0..255: below, the sensor noise swamps the face; above, it is washed out. */
  minBrightness: 45,
  maxBrightness: 225,
  /** Variance of the Laplacian on the face: below it the frame is motion-blurred or out of focus. */
  minSharpness: 12,
  /** Frontal pose for matching and enrollment, degrees. */
  maxFrontalYaw: 15,
  maxFrontalPitch: 20,
  maxFrontalRoll: 15,
} as const;

/** The first gate a frame fails, or null when it may be matched or enrolled. */
export function frameGuidance(analysis: FaceAnalysis, limits = qualityLimits): FaceGuidance | null {
  if (analysis.faces.length === 0) return 'no-face';
  if (analysis.faces.length > 1) return 'several-faces';
  const face = analysis.face;
  if (!face) return 'no-face';
  if (face.box[2] / analysis.width < limits.minFaceShare) return 'move-closer';
  if (face.brightness < limits.minBrightness) return 'too-dark';
  if (face.brightness > limits.maxBrightness) return 'too-bright';
  if (face.sharpness < limits.minSharpness) return 'hold-still';
  if (Math.abs(face.yaw) > limits.maxFrontalYaw || Math.abs(face.pitch) > limits.maxFrontalPitch || Math.abs(face.roll) > limits.maxFrontalRoll)
    return 'face-the-camera';
  return null;
}
