import { useEffect, useState } from 'react';

/** The clock's colour at the hospital's configured limits (server/review/settings.ts). */
export function clockColour(waitingMs: number, limits: { amberMs: number; redMs: number }): 'green' | 'amber' | 'red' {
  if (waitingMs >= limits.redMs) return 'red';
  if (waitingMs >= limits.amberMs) return 'amber';
  return 'green';
}

/** "1 h 05 min", "12 min": whole minutes are what a pharmacist triages by. */
export function waitingText(waitingMs: number, t: (key: string, options: Record<string, unknown>) => string): string {
  const minutes = Math.floor(waitingMs / 60_000);
  if (minutes < 60) return t('review.queue.minutes', { count: minutes });
  return t('review.queue.hoursMinutes', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
}

/** The current time, re-read every `everyMs`: the waiting clocks tick without asking the server. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
