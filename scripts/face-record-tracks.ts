/**
 * Records the liveness track fixtures of electron/core/face/fixtures/ from the face engine's real output
 * (issue 9): camera-like frame sequences are made with ffmpeg from the offline test set photos
 * (scripts/face-testset.sh), analysed by the face worker, summarised (toTrackFrame) and written as
 * small JSON files, without images or descriptors. Run once; the fixtures are committed.
 *
 * These are the attacks and failures that can be made truthfully here: a printed photo held still
 * (sensor noise only), moved in the hand, turned about its vertical axis, frames looped, and the
 * guidance cases. No real blink or head turn can be filmed on this machine (no camera): those
 * tracks are synthetic, made by electron/core/face/fixtures/synthetic.ts, not by this script.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { toTrackFrame, type TrackFrame } from '../shared/face';
import { startFaceWorker, type FaceClient } from '../electron/core/face/faceClient';
import { faceTestSet, photo } from '../electron/core/face/testSet';

const fixturesDir = resolve(import.meta.dirname, '../electron/core/face/fixtures');
const frameMs = 100; // 10 frames a second, the rate the renderer sends
/** Sensor noise, seeded per frame: no two camera frames are identical. */
const noise = (i: number) => `noise=alls=5:allf=u:all_seed=${i + 1}`;

interface Scenario {
  name: string;
  source: string;
  frames: number;
  /** ffmpeg -vf for frame i (0-based). */
  filter: (i: number) => string;
  description: string;
}

const fit = 'scale=w=640:h=640:force_original_aspect_ratio=decrease';
const scenarios: Scenario[] = [
  { name: 'photo-still', source: 'hopper--photo.jpg', frames: 20, filter: (i) => noise(i), description: 'a printed photo held still: the same picture with fresh sensor noise in each frame' },
  {
    name: 'photo-moved',
    source: 'hopper--photo.jpg',
    frames: 20,
    // A hand holding the photo: a slow drift and a 5% zoom over two seconds.
    filter: (i) => `crop=iw*${(0.95 - i * 0.0025).toFixed(4)}:ih*${(0.95 - i * 0.0025).toFixed(4)}:${4 + i * 2}:${3 + i}, ${fit},${noise(i)}`,
    description: 'a printed photo moved in the hand: drift and zoom, with sensor noise',
  },
  ...(['left-edge', 'right-edge'] as const).map((edge, k) => ({
    name: `photo-turned-${edge}`,
    source: 'hopper--photo.jpg',
    frames: 20,
    // The photo turned about its vertical axis by up to ~40 degrees: one edge recedes (shorter, nearer the middle).
    filter: (i: number) => {
      const s = (i / 19) * 0.22;
      const near = k === 0 ? `x0=${s}*W:y0=${s / 2}*H:x2=${s}*W:y2=H-${s / 2}*H:x1=W:y1=0:x3=W:y3=H` : `x0=0:y0=0:x2=0:y2=H:x1=W-${s}*W:y1=${s / 2}*H:x3=W-${s}*W:y3=H-${s / 2}*H`;
      return `perspective=${near}:sense=destination,${noise(i)}`;
    },
    description: `a printed photo turned about its vertical axis, its ${edge} receding, with sensor noise`,
  })),
  { name: 'several-faces', source: 'group--sample1.jpg', frames: 10, filter: (i) => noise(i), description: 'three people in front of the camera' },
  {
    name: 'too-dark',
    source: 'yale--light2.jpg',
    frames: 10,
    filter: (i) => `colorlevels=romax=0.36:gomax=0.36:bomax=0.36,${noise(i)}`,
    description: 'a face in a dark room (found, but mean face luma under 45)',
  },
  { name: 'too-far', source: 'collins--photo.jpg', frames: 10, filter: (i) => `scale=200:200,pad=640:480:220:140:gray,${noise(i)}`, description: 'a face far from the camera' },
  {
    name: 'nobody',
    source: 'collins--photo.jpg',
    frames: 10,
    filter: (i) => `crop=120:120:0:520,scale=480:480,${noise(i)}`,
    description: 'the camera sees a corner of the room, no face',
  },
];

async function record(face: FaceClient, scenario: Scenario, sourcePath: string, work: string): Promise<TrackFrame[]> {
  const track: TrackFrame[] = [];
  let first: number[] | undefined;
  for (let i = 0; i < scenario.frames; i++) {
    const out = join(work, `${scenario.name}-${i}.jpg`);
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', sourcePath, '-vf', scenario.filter(i), '-q:v', '4', out]);
    const outcome = await face.analyse(readFileSync(out));
    if (!outcome.ok) throw new Error(`${scenario.name} frame ${i}: ${outcome.message}`);
    first ??= outcome.analysis.face?.descriptor;
    track.push(rounded(toTrackFrame(1000 + i * frameMs, outcome.analysis, first)));
  }
  return track;
}

function rounded(frame: TrackFrame): TrackFrame {
  return JSON.parse(JSON.stringify(frame, (_key, value: unknown) => (typeof value === 'number' ? Number(value.toFixed(4)) : value))) as TrackFrame;
}

const set = faceTestSet();
if (!set.photos) throw new Error(set.skipReason);
const work = mkdtempSync(join(tmpdir(), 'face-tracks-'));
const face = await startFaceWorker({ modelsDir: set.modelsDir });
try {
  for (const scenario of scenarios) {
    const frames = await record(face, scenario, photo(set, scenario.source).path, work);
    const fixture = { recorded: `face engine output on ${scenario.source} (scripts/face-record-tracks.ts)`, description: scenario.description, frames };
    writeFileSync(join(fixturesDir, `${scenario.name}.json`), `${JSON.stringify(fixture)}\n`);
    process.stdout.write(`${scenario.name}: ${frames.length} frames\n`);
  }
} finally {
  await face.close();
  rmSync(work, { recursive: true, force: true });
}
