import { Worker } from 'node:worker_threads';
import { AppFailure, fail, type Result } from '../../shared/result';
import type { CoreEvent, CoreOptions } from './core';
import type { FromCore, ToCore } from './coreProtocol';

export interface CoreClient {
  dispatch(channel: unknown, payload: unknown, connectionId: string): Promise<Result<unknown>>;
  onEvent(listener: (event: CoreEvent) => void): void;
  close(): Promise<void>;
}

/**
 * Starts the core in a worker thread and speaks to it by message. `workerFile` is the worker's
 * entry: the TypeScript source under tsx, the bundled file in a packaged app.
 */
export function startCoreWorker(
  options: Omit<CoreOptions, 'log'>,
  workerFile: URL = new URL('./coreWorker.ts', import.meta.url),
  log: (line: string) => void = (line) => console.error(line),
): Promise<CoreClient> {
  const worker = workerFile.pathname.endsWith('.ts')
    ? // Under tsx a worker does not inherit the TypeScript loader (Node 20), so it registers its own.
      new Worker(
        `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerFile.href)}); })`,
        { eval: true, workerData: options },
      )
    : new Worker(workerFile, { workerData: options });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners: ((event: CoreEvent) => void)[] = [];
  let nextId = 1;
  let exited = false;

  worker.on('exit', () => {
    exited = true;
    for (const resolve of pending.values()) resolve(fail('STORE_UNAVAILABLE', 'The CareDesk core stopped.'));
    pending.clear();
  });

  return new Promise((resolve, reject) => {
    // Before 'ready' an error fails the start; after it, the core died (an uncaught exception or
    // an unhandled rejection ends a worker thread): say so, by name only, as patient data may be in
    // a message. Every pending and later call answers STORE_UNAVAILABLE ('exit' above).
    let started = false;
    worker.on('error', (error) => {
      if (!started) return reject(error);
      log(`the CareDesk core stopped on an error: ${error.name}`);
    });
    worker.on('message', (message: FromCore) => {
      switch (message.type) {
        case 'ready':
          started = true;
          resolve(client);
          break;
        case 'failed':
          reject(new AppFailure('STORE_UNAVAILABLE', message.message));
          void worker.terminate();
          break;
        case 'result':
          pending.get(message.id)?.(message.result);
          pending.delete(message.id);
          break;
        case 'event':
          listeners.forEach((listener) => listener(message.event));
          break;
        case 'log':
          log(message.line);
          break;
      }
    });

    const client: CoreClient = {
      dispatch(channel, payload, connectionId) {
        if (exited) return Promise.resolve(fail('STORE_UNAVAILABLE', 'The CareDesk core stopped.'));
        const id = nextId++;
        return new Promise((done) => {
          pending.set(id, done);
          worker.postMessage({ type: 'call', id, channel, payload, connectionId } satisfies ToCore);
        });
      },
      onEvent: (listener) => void listeners.push(listener),
      close: async () => {
        if (exited) return;
        const stopped = new Promise<void>((done) => worker.once('exit', () => done()));
        worker.postMessage({ type: 'close' } satisfies ToCore);
        await stopped;
      },
    };
  });
}
