/**
 * Copies the face models and the tfjs wasm binaries from their npm packages into `resources/models/`
 * (git-ignored), with their licences. Run by `npm run build`, `npm test`, the face tests and the
 * bench: idempotent, and it checks every file against the SHA-256 pinned in `faceModelFiles` so a
 * changed package cannot silently change the verifier (issue 9: nothing is downloaded at run time).
 * A packaged app ships the folder through electron-builder.yml `extraResources`, outside the asar.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
export const faceModelsDir = join(root, 'resources', 'models');

const humanModels = join(root, 'node_modules', '@vladmandic', 'human');
const tfjsWasm = join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm');

/** Only the models the verifier runs, as shipped in @vladmandic/human 3.3.6 (MIT). */
const pinnedModels: Record<string, string> = {
  'blazeface.json': 'cd7bbfc078270572beb39f9e5ae67aadbd50b5e67cff37e6d4f6b3ea39312e5f',
  'blazeface.bin': 'dc9a97fdc50bc43216554bdd69aa3e7b9361a519ee7bdd996a2f69a98a6f9b72',
  'facemesh.json': 'b60ca26f404724f43bd2b1575761d8265180e1f053cc0731caa68462927309e7',
  'facemesh.bin': '3826da640b0a3021161605369ee6af293f75d518040355b960ec71a3390c1c0b',
  'faceres.json': '5b83d49c0385d2e68a05122441b94226313677cae9fcc40b9587ad50079eb4df',
  'faceres.bin': '2c7d2d62b76c97528b736527aa09d310ea71743c9e3e79fb6c62d4b2d73af79b',
  'antispoof.json': '7fd698ae1cebabbcad79d3b8b448587b0365eb7911987418231bdcf36583112a',
  'antispoof.bin': '4490fecb2becdb6869edc7e60f5e59962be013a8def8719b1373afb0f905c094',
  'liveness.json': '9e51c8acf83b80abbf329b2735309ab5c90611c66905ade8b1bd130d473df9c8',
  'liveness.bin': 'fc6a6b6b3b9721bdb8bff67a457a15b7cbfd81715cfb27f3e65b757e81dd663e',
};
const files: { from: string; to: string; sha256?: string }[] = [
  ...Object.entries(pinnedModels).map(([name, sha]) => ({ from: join(humanModels, 'models', name), to: name, sha256: sha })),
  { from: join(humanModels, 'LICENSE'), to: 'LICENSE.human' },
  ...['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'].map((name) => ({
    from: join(tfjsWasm, 'dist', name),
    to: join('wasm', name),
  })),
];

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** tfjs-backend-wasm's npm package carries no licence file; its package.json says Apache-2.0. */
const wasmNotice = 'tfjs-backend-wasm 4.22.0 (the .wasm files in this folder): Copyright Google LLC, Apache License 2.0.\n';

export function installFaceModels(dir: string = faceModelsDir): void {
  for (const file of files) {
    const source = sha256(file.from);
    if (file.sha256 && source !== file.sha256) throw new Error(`${file.from} is not the pinned model (sha256 ${source})`);
    const target = join(dir, file.to);
    if (existsSync(target) && sha256(target) === source) continue;
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file.from, target);
  }
  writeFileSync(join(dir, 'wasm', 'NOTICE'), wasmNotice);
}

if (import.meta.url === `file://${process.argv[1]}`) installFaceModels();
