import type { HandlerGroup } from '../dispatch';

export const appHandlers = (info: { version: string; deviceName: string }) =>
  ({
    'app:info': () => info,
  }) satisfies HandlerGroup<'app:info'>;
