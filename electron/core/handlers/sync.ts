import type { HandlerGroup } from '../dispatch';
import type { SyncWorker } from '../sync/syncWorker';

export const syncHandlers = (worker: SyncWorker | null) =>
  ({
    'sync:status': () => worker?.current() ?? null,
    'sync:now': async () => {
      if (!worker) return null;
      await worker.syncNow();
      return worker.current();
    },
  }) satisfies HandlerGroup<'sync:status' | 'sync:now'>;
