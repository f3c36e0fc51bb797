import { z } from 'zod';
import { SyncStatus } from './contract';

/** Push events from main to the UI: the second typed map of the boundary. */
export const events = {
  'sync:applied': z.object({ tables: z.array(z.string()) }),
  'session:locked': z.object({ reason: z.enum(['idle', 'signed-out', 'expired']) }),
  'sync:status': SyncStatus,
};
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;
export const eventNames = Object.keys(events) as EventName[];
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.hasOwn(events, name);
