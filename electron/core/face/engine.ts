/**
 * The face engine of issue 9: @vladmandic/human 3.3.6 (blazeface, face mesh, faceres, antispoof,
 * liveness) on tfjs 4.22 with the wasm backend, in Node. Runs inside the face worker (faceWorker.ts);
 * models are loaded once. Every result is computed on this frame alone: Human's frame cache and
 * skip-frames are off, because a verdict must never rest on a previous frame's face.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Config, FaceResult, Human as HumanType } from '@vladmandic/human';
import type * as TfCore from '@tensorflow/tfjs-core';
import type { DetectedFace, FaceAnalysis, FaceBox } from '../../../shared/face';
import { decodeFrame, type RgbImage } from './jpegFrame';
import { eyeOpenness } from './landmarks';
import { checkFaceModels, fileModelHandler, fileUrlPrefix } from './modelFiles';
import { faceExposure } from './pixels';

const require = createRequire(import.meta.url);
/**
 * Human's package maps only the `node` condition (to its tfjs-node build, which downloads a native
 * library). Its Node wasm build sits beside it; load it by path. `@tensorflow/tfjs` registers the
 * cpu backend for the fallback, on the same tfjs-core instance that Human's build requires.
 */
function loadHuman(): { Human: typeof HumanType } {
  require('@tensorflow/tfjs');
  return require(require.resolve('@vladmandic/human').replace(/human\.node\.js$/, 'human.node-wasm.js')) as { Human: typeof HumanType };
}

export type FaceBackend = 'wasm' | 'cpu';

const skip = { skipFrames: 0, skipTime: 0 };
/** Human's configuration for sign-in; `where` says where the models and the wasm files are (a folder here, a URL in the Chromium bench). */
export function humanConfig(where: { modelBasePath: string; wasmPath: string }, backend: FaceBackend): Partial<Config> {
  return {
    backend,
    ...where,
    debug: false,
    warmup: 'none',
    cacheSensitivity: 0,
    cacheModels: false,
    filter: { enabled: false },
    gesture: { enabled: false },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
    face: {
      enabled: true,
      // Two, so that "several faces" is seen, not silently reduced to the most confident one. Not
      // more: mesh, descriptor and the passive models run once per face found (about 110 ms each
      // here), and a frame with several faces is refused whatever they say (its analysis carries
      // no face detail), so a third face only cost time; it made group frames the slowest (issue 9).
      detector: { ...skip, rotation: false, maxDetected: 2, minConfidence: 0.5, return: false },
      mesh: { enabled: true },
      iris: { enabled: false },
      attention: { enabled: false },
      emotion: { enabled: false },
      description: { ...skip, enabled: true },
      antispoof: { ...skip, enabled: true },
      liveness: { ...skip, enabled: true },
    },
  };
}

export interface FaceEngine {
  backend: FaceBackend;
  analyse(jpeg: Uint8Array): Promise<FaceAnalysis>;
  analyseImage(image: RgbImage): Promise<FaceAnalysis>;
}

const degrees = (radians: number | undefined) => ((radians ?? 0) * 180) / Math.PI;
const boxOf = (face: FaceResult): FaceBox => [face.box[0], face.box[1], face.box[2], face.box[3]];

/** A small matmul whose answer is known: a backend that loads but computes wrongly is not used. */
function selfTest(tf: typeof TfCore): boolean {
  const a = tf.tensor2d([1, 2, 3, 4], [2, 2]);
  const product = tf.matMul(a, a);
  const values = Array.from(product.dataSync());
  tf.dispose([a, product]);
  return [7, 10, 15, 22].every((v, i) => Math.abs(values[i]! - v) < 1e-4);
}

let fileLoaderRegistered = false;
function registerFileLoader(tf: typeof TfCore): void {
  if (fileLoaderRegistered) return;
  // tfjs asks every router in turn and skips one that returns null; its type does not say so.
  const notOurs = null as unknown as ReturnType<typeof fileModelHandler>;
  tf.io.registerLoadRouter((url) => (typeof url === 'string' && url.startsWith(fileUrlPrefix) ? fileModelHandler(url.slice(fileUrlPrefix.length)) : notOurs));
  fileLoaderRegistered = true;
}

export async function createFaceEngine(modelsDir: string, preferred: readonly FaceBackend[] = ['wasm', 'cpu']): Promise<FaceEngine> {
  checkFaceModels(modelsDir);
  const { Human } = loadHuman();
  let human: HumanType | undefined;
  let backend: FaceBackend | undefined;
  const failures: string[] = [];
  for (const candidate of preferred) {
    const instance = new Human(humanConfig({ modelBasePath: `${fileUrlPrefix}${modelsDir}/`, wasmPath: `${join(modelsDir, 'wasm')}/` }, candidate));
    const tf = instance.tf as typeof TfCore;
    try {
      await instance.init();
      if (tf.getBackend() !== candidate) throw new Error(`tfjs chose ${tf.getBackend()}`);
      if (!selfTest(tf)) throw new Error('the self-test computed a wrong product');
      human = instance;
      backend = candidate;
      break;
    } catch (error) {
      failures.push(`${candidate}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (!human || !backend) throw new Error(`no tfjs backend passed the self-test (${failures.join('; ')})`);

  const tf = human.tf as typeof TfCore;
  registerFileLoader(tf);
  await human.load();

  const ready = human;
  async function analyseImage(image: RgbImage): Promise<FaceAnalysis> {
    const input = tf.tensor(image.data, [1, image.height, image.width, 3], 'int32');
    let faces: FaceResult[];
    try {
      faces = (await ready.detect(input)).face;
    } finally {
      input.dispose();
    }
    const detected: DetectedFace[] = faces.map((f) => ({ box: boxOf(f), score: f.boxScore }));
    const analysis: FaceAnalysis = { width: image.width, height: image.height, faces: detected };
    const only = faces.length === 1 ? faces[0] : undefined;
    if (!only?.embedding || only.embedding.length === 0 || only.mesh.length < 468) return analysis;
    const angle = only.rotation?.angle;
    return {
      ...analysis,
      face: {
        box: boxOf(only),
        // Human reports a turn to the person's own left as negative yaw (checked on messi5.jpg, engine.test.ts).
        yaw: -degrees(angle?.yaw),
        pitch: degrees(angle?.pitch),
        roll: degrees(angle?.roll),
        eyeOpenness: eyeOpenness(only.mesh),
        ...faceExposure(image, boxOf(only)),
        descriptor: Array.from(only.embedding),
        antispoof: only.real ?? 0,
        liveness: only.live ?? 0,
      },
    };
  }
  return { backend, analyse: (jpeg) => analyseImage(decodeFrame(jpeg)), analyseImage };
}
