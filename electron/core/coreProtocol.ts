import type { Result } from '../../shared/result';
import type { CoreEvent } from './core';

/** Messages between the main thread and the core worker. */
export type ToCore =
  | { type: 'call'; id: number; channel: unknown; payload: unknown; connectionId: string }
  | { type: 'close' };

export type FromCore =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: CoreEvent }
  | { type: 'log'; line: string };
