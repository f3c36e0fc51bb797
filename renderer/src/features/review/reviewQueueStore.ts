import { create } from 'zustand';
import type { ReviewQueueView } from '../../../../shared/ipc/reviewChannels';
import { maxQueueLimit, queuePageSize, type ReviewQueueQuery } from '../../../../shared/review/wire';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api';

interface ReviewQueueState {
  filters: ReviewQueueQuery;
  queue: ReviewQueueView | null;
  /** When the queue was read (Date.now()): the waiting clocks tick on from there. */
  loadedAt: number;
  /** Why the last read failed (offline, say); the last queue read stays on screen, read-only. */
  error: AppError | null;
  /** Queues received so far: what an end-to-end test waits on instead of sleeping. */
  loads: number;
  /** How many of the most urgent items are asked for: a page, one more page per "show more". */
  shown: number;
  setFilter: (change: Partial<ReviewQueueQuery>) => Promise<void>;
  load: () => Promise<void>;
  showMore: () => Promise<void>;
  reset: () => void;
}

let ticket = 0;

/**
 * The hospital's review queue as the server orders it (urgency first): a cache of an online call,
 * a page of the most urgent items (a busy hospital has thousands waiting) with the counts and
 * filter choices of the whole queue.
 */
export const useReviewQueue = create<ReviewQueueState>((set, get) => ({
  filters: {},
  queue: null,
  loadedAt: 0,
  error: null,
  loads: 0,
  shown: queuePageSize,
  async setFilter(change) {
    const filters: ReviewQueueQuery = { ...get().filters, ...change };
    for (const key of Object.keys(filters) as (keyof ReviewQueueQuery)[]) if (!filters[key]) delete filters[key];
    set({ filters, shown: queuePageSize });
    await get().load();
  },
  async load() {
    const mine = ++ticket;
    const result = await invoke('review:queue', { ...get().filters, limit: get().shown });
    if (mine !== ticket) return; // a newer filter already asked
    const loads = get().loads + 1;
    if (!result.ok) return set({ error: result.error, loads });
    set({ queue: result.value, loadedAt: Date.now(), error: null, loads });
  },
  async showMore() {
    set({ shown: Math.min(maxQueueLimit, get().shown + queuePageSize) });
    await get().load();
  },
  reset() {
    ticket++;
    set({ filters: {}, queue: null, loadedAt: 0, error: null, loads: 0, shown: queuePageSize });
  },
}));
