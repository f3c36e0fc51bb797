import { z } from 'zod';
import { SyncStatus } from './contract';

/** Push events from main to the UI: the second typed map of the boundary. */
export const events = {
  'sync:applied': z.object({ tables: z.array(z.string()) }),
  'session:locked': z.object({ reason: z.enum(['idle', 'signed-out', 'expired']) }),
  'sync:status': SyncStatus,
  /** A pull brought a return of the signed-in physician's prescription (review:notices lists it). */
  'review:returned': z.object({ prescriptionIds: z.array(z.string()) }),
  /** A pull brought a void of a prescription the signed-in pharmacist approved. */
  'review:voidedAfterApproval': z.object({ prescriptionIds: z.array(z.string()) }),
};
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;
export const eventNames = Object.keys(events) as EventName[];
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.hasOwn(events, name);
