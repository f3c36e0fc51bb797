/**
 * The core's one face worker (issue 9, item 8): started on the first face call, not at start-up
 * (most sessions of a day are already open), as a thread of its own beside the core's worker, so
 * 150-400 ms of inference never stalls another call. A start that failed is tried again on the
 * next face call.
 */
import { AppFailure } from '../../../shared/result';
import { startFaceWorker, type FaceClient } from './faceClient';
import { defaultFaceModelsDir } from './modelFiles';

export interface FaceEngineOptions {
  /** Packaged: `process.resourcesPath/resources/models` (electron-builder.yml extraResources). */
  modelsDir?: string;
  /** The bundled faceWorker.cjs in a packaged app (a file: URL's href: workerData is cloned); the TypeScript source otherwise. */
  workerUrl?: string;
}

export function faceEngineHost(options: FaceEngineOptions = {}, log: (line: string) => void = () => {}) {
  let starting: Promise<FaceClient> | null = null;
  return {
    client(): Promise<FaceClient> {
      starting ??= startFaceWorker({ modelsDir: options.modelsDir ?? defaultFaceModelsDir }, ...(options.workerUrl ? [new URL(options.workerUrl)] : [])).catch(
        (error: unknown) => {
          starting = null;
          log(`face engine did not start: ${error instanceof Error ? error.message : String(error)}`);
          throw new AppFailure('FACE_ENGINE_UNAVAILABLE', 'The face engine could not start on this workstation; sign in read-only or contact IT.');
        },
      );
      return starting;
    },
    async close(): Promise<void> {
      const running = starting;
      starting = null;
      if (running) await running.then((face) => face.close(), () => undefined);
    },
  };
}
export type FaceEngineHost = ReturnType<typeof faceEngineHost>;
