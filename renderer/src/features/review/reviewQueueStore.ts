import { create } from 'zustand';
import type { ReviewQueueView } from '../../../../shared/ipc/reviewChannels';
import type { ReviewQueueQuery } from '../../../../shared/review/wire';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api';

/** What the filters can offer: every value seen in any queue loaded this session, so a filter never hides its own options. */
export interface FilterOptions {
  departments: string[];
  physicians: { id: string; name: string }[];
  alerts: string[];
}

interface ReviewQueueState {
  filters: ReviewQueueQuery;
  queue: ReviewQueueView | null;
  /** When the queue was read (Date.now()): the waiting clocks tick on from there. */
  loadedAt: number;
  /** Why the last read failed (offline, say); the last queue read stays on screen, read-only. */
  error: AppError | null;
  /** Queues received so far: what an end-to-end test waits on instead of sleeping. */
  loads: number;
  options: FilterOptions;
  setFilter: (change: Partial<ReviewQueueQuery>) => Promise<void>;
  load: () => Promise<void>;
  reset: () => void;
}

/** The most urgent items shown; the counts still cover the whole queue (a busy hospital has thousands waiting). */
export const queuePageSize = 200;

const noOptions: FilterOptions = { departments: [], physicians: [], alerts: [] };
let ticket = 0;

function withOptions(options: FilterOptions, queue: ReviewQueueView): FilterOptions {
  const departments = new Set(options.departments);
  const physicians = new Map(options.physicians.map((p) => [p.id, p]));
  const alerts = new Set(options.alerts);
  for (const item of queue.items) {
    departments.add(item.department);
    physicians.set(item.prescriber.id, item.prescriber);
    for (const a of item.alerts) alerts.add(a);
  }
  return { departments: [...departments].sort(), physicians: [...physicians.values()], alerts: [...alerts].sort() };
}

/** The hospital's review queue as the server orders it (urgency first): a cache of an online call. */
export const useReviewQueue = create<ReviewQueueState>((set, get) => ({
  filters: {},
  queue: null,
  loadedAt: 0,
  error: null,
  loads: 0,
  options: noOptions,
  async setFilter(change) {
    const filters: ReviewQueueQuery = { ...get().filters, ...change };
    for (const key of Object.keys(filters) as (keyof ReviewQueueQuery)[]) if (!filters[key]) delete filters[key];
    set({ filters });
    await get().load();
  },
  async load() {
    const mine = ++ticket;
    const result = await invoke('review:queue', { ...get().filters, limit: queuePageSize });
    if (mine !== ticket) return; // a newer filter already asked
    const loads = get().loads + 1;
    if (!result.ok) return set({ error: result.error, loads });
    set({ queue: result.value, loadedAt: Date.now(), error: null, loads, options: withOptions(get().options, result.value) });
  },
  reset() {
    ticket++;
    set({ filters: {}, queue: null, loadedAt: 0, error: null, loads: 0, options: noOptions });
  },
}));
