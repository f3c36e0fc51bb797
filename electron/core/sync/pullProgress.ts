import type { PullResponse } from '../../../shared/sync';

/** Feed positions covered so far in this pull, out of those it has to cover. */
export interface PullProgress {
  done: number;
  total: number;
}

/**
 * Progress of one user's pull, page by page, measured in feed positions (seq) rather than rows:
 * the server knows where its feed ends (`latestSeq`) but not how many of those rows are in this
 * user's scope without counting them, and a count on every page is what we want to avoid. A pull
 * that fits in one page gets no bar (null), nor does one from a server that omits `latestSeq`.
 */
export function pullProgress() {
  let start: number | null = null;
  let severalPages = false;
  return (sentCursor: number, page: Pick<PullResponse, 'reset' | 'nextCursor' | 'hasMore' | 'latestSeq'>): PullProgress | null => {
    // A reset means the server ignored our cursor and started from 0 (a scope change).
    if (start === null || page.reset) start = page.reset ? 0 : sentCursor;
    severalPages ||= page.hasMore;
    if (!severalPages || page.latestSeq === undefined) return null;
    const total = Math.max(page.latestSeq - start, 1);
    // The last page covers everything up to the feed's end as the server read it.
    const done = page.hasMore ? Math.min(Math.max(page.nextCursor - start, 0), total) : total;
    return { done, total };
  };
}
