/**
 * The face worker thread (issue 9, DESIGN.md "Trust"): inference takes 150-400 ms a frame, so it
 * runs here, apart from the core's worker, and never stalls another call. Models load once;
 * frames are analysed one at a time in arrival order.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { createFaceEngine } from './engine';
import type { AnalyseOutcome, FaceWorkerOptions, FromFace, ToFace } from './faceProtocol';
import { FrameError } from './jpegFrame';

if (!parentPort) throw new Error('faceWorker must run in a worker thread');
const port = parentPort;
const post = (message: FromFace) => port.postMessage(message);
const options = workerData as FaceWorkerOptions;

async function serve(): Promise<void> {
  const started = performance.now();
  const engine = await createFaceEngine(options.modelsDir, options.backends);
  let queue = Promise.resolve();
  port.on('message', (message: ToFace) => {
    if (message.type === 'close') {
      void queue.finally(() => port.close());
      return;
    }
    queue = queue.then(async () => {
      let outcome: AnalyseOutcome;
      try {
        outcome = { ok: true, analysis: await engine.analyse(message.jpeg) };
      } catch (error) {
        outcome =
          error instanceof FrameError
            ? { ok: false, code: error.code, message: error.message }
            : { ok: false, code: 'ENGINE_FAILED', message: error instanceof Error ? error.message : String(error) };
      }
      post({ type: 'result', id: message.id, outcome });
    });
  });
  post({ type: 'ready', backend: engine.backend, loadMs: performance.now() - started });
}

// No top-level await: the packaged build bundles this file as CommonJS.
serve().catch((error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }));
