/**
 * For tests and the bench: the face models in place and the offline photo test set built
 * (scripts/face-testset.sh). Where the set cannot be built (no apt-get as root, no ffmpeg), `photos`
 * is null and says why, so a test can skip with that message instead of failing for the machine.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { installFaceModels } from '../../../scripts/face-models';
import { defaultFaceModelsDir } from './modelFiles';

const root = resolve(import.meta.dirname, '../../..');

export interface TestPhoto {
  file: string;
  path: string;
  /** The part of the name before `--`: two photos with the same person are the same person. */
  person: string;
}

export interface FaceTestSet {
  modelsDir: string;
  photos: TestPhoto[] | null;
  skipReason?: string;
}

let built: FaceTestSet | undefined;

export function faceTestSet(): FaceTestSet {
  if (built) return built;
  installFaceModels(defaultFaceModelsDir);
  const run = spawnSync('bash', [join(root, 'scripts', 'face-testset.sh')], { encoding: 'utf8' });
  if (run.status !== 0) {
    if (run.status === 3) return (built = { modelsDir: defaultFaceModelsDir, photos: null, skipReason: run.stderr.trim() });
    throw new Error(`scripts/face-testset.sh failed (${run.status}): ${run.stderr}`);
  }
  const dir = run.stdout.trim().split('\n').pop()!;
  const photos = readdirSync(dir)
    .filter((f) => f.endsWith('.jpg'))
    .sort()
    .map((file) => ({ file, path: join(dir, file), person: file.split('--')[0]! }));
  return (built = { modelsDir: defaultFaceModelsDir, photos });
}

export function photo(set: FaceTestSet, file: string): TestPhoto {
  const found = set.photos?.find((p) => p.file === file);
  if (!found) throw new Error(`no test photo ${file}`);
  return found;
}
