import { Worker } from 'node:worker_threads';
import type { FaceBackend } from './engine';
import type { AnalyseOutcome, FaceWorkerOptions, FromFace, ToFace } from './faceProtocol';

/**
 * The seam for the session service (issue 9): start one face worker, then `analyse(jpegBytes)`
 * per camera frame. The worker's answer is data (the frame's analysis, or a specific error code);
 * liveness, matching and lockout are decided by the caller from shared/face.
 */
export interface FaceClient {
  backend: FaceBackend;
  /** Model load time in the worker, ms. */
  loadMs: number;
  analyse(jpeg: Uint8Array): Promise<AnalyseOutcome>;
  close(): Promise<void>;
}

/** `workerFile`: the TypeScript source under tsx (the default), the bundled faceWorker.cjs in a packaged app. */
export function startFaceWorker(options: FaceWorkerOptions, workerFile: URL = new URL('./faceWorker.ts', import.meta.url)): Promise<FaceClient> {
  const worker = workerFile.pathname.endsWith('.ts')
    ? // Under tsx a worker does not inherit the TypeScript loader (Node 20), so it registers its own.
      new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerFile.href)}); })`, {
        eval: true,
        workerData: options,
      })
    : new Worker(workerFile, { workerData: options });
  const pending = new Map<number, (outcome: AnalyseOutcome) => void>();
  let nextId = 1;
  let exited = false;
  const stopped: AnalyseOutcome = { ok: false, code: 'ENGINE_FAILED', message: 'The face worker stopped.' };
  worker.on('exit', () => {
    exited = true;
    for (const resolve of pending.values()) resolve(stopped);
    pending.clear();
  });

  return new Promise((resolve, reject) => {
    worker.on('error', reject);
    worker.on('message', (message: FromFace) => {
      switch (message.type) {
        case 'ready':
          resolve(client(message.backend, message.loadMs));
          break;
        case 'failed':
          reject(new Error(`the face engine did not start: ${message.message}`));
          void worker.terminate();
          break;
        case 'result':
          pending.get(message.id)?.(message.outcome);
          pending.delete(message.id);
          break;
      }
    });
  });

  function client(backend: FaceBackend, loadMs: number): FaceClient {
    return {
      backend,
      loadMs,
      analyse(jpeg) {
        if (exited) return Promise.resolve(stopped);
        const id = nextId++;
        return new Promise((done) => {
          pending.set(id, done);
          worker.postMessage({ type: 'analyse', id, jpeg } satisfies ToFace);
        });
      },
      close: async () => {
        if (exited) return;
        const gone = new Promise<void>((done) => worker.once('exit', () => done()));
        worker.postMessage({ type: 'close' } satisfies ToFace);
        await gone;
      },
    };
  }
}
