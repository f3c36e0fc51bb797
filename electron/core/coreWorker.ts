import { parentPort, workerData } from 'node:worker_threads';
import { createCore, type CoreOptions } from './core';
import type { FromCore, ToCore } from './coreProtocol';

/**
 * Hosts the core in a worker thread so SQLite work never blocks the thread that serves the window.
 * The main thread owns only transports; every decision happens here.
 */
const port = parentPort;
if (!port) throw new Error('coreWorker must run in a worker thread');

const post = (message: FromCore) => port.postMessage(message);
const options = workerData as Omit<CoreOptions, 'log'>;
try {
  // A Buffer arrives as a plain Uint8Array after the structured clone.
  const key = Buffer.from(options.key);
  const core = createCore({ ...options, key, log: (line) => post({ type: 'log', line }) });
  core.onEvent((event) => post({ type: 'event', event }));
  port.on('message', (message: ToCore) => {
    if (message.type === 'close') {
      void core.close().finally(() => port.close());
      return;
    }
    void core.dispatch(message.channel, message.payload, message.connectionId).then((result) =>
      post({ type: 'result', id: message.id, result }),
    );
  });
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
