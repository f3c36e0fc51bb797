import { useSync } from '../sync/syncStore';
import { useReviewQueue } from './reviewQueueStore';

/**
 * Why this pharmacist cannot claim or decide right now, or null when they can. Claims are leases
 * held on the server (DESIGN.md "Offline rules"), so without the link the queue is the last one
 * fetched, read-only; a pharmacist not recorded as a qualified reviewer (《医疗机构处方审核规范》
 * 第五条) reads it only.
 */
export type ReadOnlyReason = 'offline' | 'not-qualified';

export function useReviewAccess(): { readOnly: ReadOnlyReason | null; detail: string | null } {
  const link = useSync((s) => (s.status ? s.status.link : null));
  const queue = useReviewQueue((s) => s.queue);
  const offlineQueue = queue?.readOnly === true;
  if (offlineQueue || (link !== null && link !== 'online')) return { readOnly: 'offline', detail: queue?.readOnlyReason ?? null };
  if (queue?.mayClaim === false) return { readOnly: 'not-qualified', detail: null };
  return { readOnly: null, detail: null };
}
