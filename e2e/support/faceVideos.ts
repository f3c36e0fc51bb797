import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface FaceVideos {
  /** Person A, the same picture in every frame: a virtual camera replaying one image. */
  aStill: string;
  /** Person A with fresh sensor-like noise in each frame: a printed photo before a real camera. */
  aNoise: string;
  /** Person B, with the same noise. */
  bNoise: string;
}

/**
 * The fake-camera videos (scripts/face-video.sh, built from the photo test set into .tmp/). Null,
 * with the reason, on a machine that cannot build the set (exit 3: no apt-get or ffmpeg).
 */
export function faceVideos(): { videos: FaceVideos } | { videos: null; reason: string } {
  const run = spawnSync('bash', ['scripts/face-video.sh'], { encoding: 'utf8' });
  if (run.status === 3) return { videos: null, reason: run.stderr.trim() };
  if (run.status !== 0) throw new Error(`scripts/face-video.sh failed: ${run.stderr.trim()}`);
  const dir = run.stdout.trim().split('\n').at(-1)!;
  return { videos: { aStill: join(dir, 'a-still.y4m'), aNoise: join(dir, 'a-noise.y4m'), bNoise: join(dir, 'b-noise.y4m') } };
}
