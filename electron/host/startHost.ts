import { resolve } from 'node:path';
import type { CoreOptions } from '../core/core';
import { startCoreWorker } from '../core/coreClient';
import { keyFileSource } from '../core/store/keyring';
import { startLoopbackHost, type LoopbackHost } from './loopbackHost';

export const defaultRendererDir = resolve(import.meta.dirname, '../../dist/renderer');

/**
 * The workstation without Electron: the core in its worker, the built renderer and the IPC
 * contract served on 127.0.0.1. Used by `caredesk start` on machines without the Electron binary
 * and by the end-to-end tests. The store key comes from a 0600 key file in the data dir.
 */
export async function startWorkstationHost(options: {
  dataDir: string;
  rendererDir?: string;
  port?: number;
  sync?: CoreOptions['sync'];
  /** The site's verification policy until an admin stores one (CoreOptions.facePolicy). */
  facePolicy?: CoreOptions['facePolicy'];
}): Promise<LoopbackHost> {
  const core = await startCoreWorker({
    dataDir: options.dataDir,
    key: keyFileSource(options.dataDir).loadOrCreateKey(),
    ...(options.sync ? { sync: options.sync } : {}),
    ...(options.facePolicy ? { facePolicy: options.facePolicy } : {}),
  });
  try {
    const host = await startLoopbackHost(core, options.rendererDir ?? defaultRendererDir, options.port);
    return {
      ...host,
      close: async () => {
        await host.close();
        await core.close();
      },
    };
  } catch (error) {
    await core.close();
    throw error;
  }
}
