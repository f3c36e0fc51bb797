/**
 * The idle lock runs on a timer in main (issue 9: "a timer, not only the next call"). Injected so a
 * test moves its own clock and fires what is due, with no sleeps.
 */
export interface IdleTimers {
  /** Calls `fire` once after `ms`; the returned function cancels it. */
  after(ms: number, fire: () => void): () => void;
}

export const realTimers: IdleTimers = {
  after(ms, fire) {
    const timer = setTimeout(fire, ms);
    // A pending lock never keeps a closing process (a test, the CLI) alive.
    timer.unref();
    return () => clearTimeout(timer);
  },
};
