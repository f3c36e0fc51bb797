/**
 * One camera frame as main accepts it (issue 9, "Inside"): a JPEG scaled to at most 640 px on the
 * long side and at most 200 KB. Main checks both again (electron/core/face/jpegFrame.ts) and
 * decides everything else; this only keeps the frames small enough to be taken.
 */
export const frameLimits = {
  maxSide: 640,
  maxBytes: 200_000,
  /** One frame in flight at a time, and no more often than this: about 5 frames a second. */
  intervalMs: 200,
} as const;

/** JPEG qualities tried in turn until the frame fits; a frame that fits at none is skipped. */
const qualities = [0.85, 0.7, 0.55, 0.4] as const;

export function fitWithin(width: number, height: number, maxSide: number = frameLimits.maxSide): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

const toJpeg = (canvas: HTMLCanvasElement, quality: number) =>
  new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));

/** The video's current picture as JPEG bytes within the limits, or null while the camera has no picture yet. */
export async function captureJpeg(video: HTMLVideoElement, canvas: HTMLCanvasElement): Promise<Uint8Array | null> {
  if (video.videoWidth === 0 || video.videoHeight === 0) return null;
  const { width, height } = fitWithin(video.videoWidth, video.videoHeight);
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.drawImage(video, 0, 0, width, height);
  for (const quality of qualities) {
    const blob = await toJpeg(canvas, quality);
    if (blob && blob.size <= frameLimits.maxBytes) return new Uint8Array(await blob.arrayBuffer());
  }
  return null;
}
