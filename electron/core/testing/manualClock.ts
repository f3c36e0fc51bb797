import type { IdleTimers } from '../session/idleTimers';

/**
 * A clock and timers a test moves by hand: `advance(ms)` fires, in order, every timer that falls
 * due, as the real ones would, so timer-driven behaviour is tested with no sleeps.
 */
export function manualClock(start = Date.parse('2026-11-25T08:00:00Z')) {
  let t = start;
  const timers: { at: number; fire: () => void; live: boolean }[] = [];
  const idleTimers: IdleTimers = {
    after(ms, fire) {
      const timer = { at: t + ms, fire, live: true };
      timers.push(timer);
      return () => void (timer.live = false);
    },
  };
  return {
    now: () => t,
    timers: idleTimers,
    advance(ms: number): void {
      const end = t + ms;
      for (;;) {
        const next = timers.filter((x) => x.live && x.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        t = Math.max(t, next.at);
        next.live = false;
        next.fire();
      }
      t = end;
    },
  };
}
