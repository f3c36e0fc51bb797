/**
 * For tests and the bench: camera-like frames of a still photo. Each frame is the photo cropped a
 * few pixels off centre, with sensor-like noise, encoded again: what a camera pointed at a printed
 * photo, or at a person holding perfectly still, would send. No blink and no turn can be made
 * from it (electron/core/face/README.md): these frames pass only the 'passive' liveness policy.
 */
import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';

/** A small deterministic generator (mulberry32), so a test's frames are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function cameraFrames(photoPath: string, count: number, seed = 1): Buffer[] {
  const source = jpeg.decode(readFileSync(photoPath), { useTArray: true, formatAsRGBA: true });
  const next = random(seed);
  const margin = 6;
  const width = source.width - margin;
  const height = source.height - margin;
  const frames: Buffer[] = [];
  for (let n = 0; n < count; n++) {
    const dx = Math.floor(next() * margin);
    const dy = Math.floor(next() * margin);
    const data = Buffer.alloc(width * height * 4);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const from = ((y + dy) * source.width + (x + dx)) * 4;
        const to = (y * width + x) * 4;
        const noise = Math.round((next() - 0.5) * 8);
        for (let c = 0; c < 3; c++) data[to + c] = Math.max(0, Math.min(255, source.data[from + c]! + noise));
        data[to + 3] = 255;
      }
    frames.push(Buffer.from(jpeg.encode({ data, width, height }, 90).data));
  }
  return frames;
}
