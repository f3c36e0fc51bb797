/**
 * The clock's colour at the hospital's configured limits (server/review/settings.ts), by the rule
 * the server orders the queue with (server/review/queue.ts): the clock ticks on here between reads.
 */
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
