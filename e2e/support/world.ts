import { test } from '@playwright/test';

/**
 * A spec's world: the hospital, workstations and pages its tests share, set up once before the
 * file's first test and closed after its last, in reverse order. The tests of a file tell one story
 * in order, so they run serially and a failure skips the rest of the story.
 */
const closers: Array<() => unknown> = [];

/** Registers what must be closed when the current file's tests are done. */
export function atFileEnd(close: () => unknown): void {
  closers.push(close);
}

/**
 * Starting a hospital and several workstations takes minutes on a loaded 2-core machine; the setup
 * is not what a spec measures, so it gets its own generous limit.
 */
const setUpTimeoutMs = 600_000;

/** Sets up the file's world (assigning the spec's own `let`s) before its first test. */
export function setUpFile(setUp: () => Promise<void>, options: { timeoutMs?: number } = {}): void {
  test.describe.configure({ mode: 'serial', ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}) });
  test.beforeAll(async () => {
    test.setTimeout(setUpTimeoutMs);
    await setUp();
  });
  test.afterAll(async () => {
    while (closers.length > 0) await closers.pop()!();
  });
}
