import { defaultReviewSettings, ReviewSettings } from '../../shared/review/settings';
import type { Queryable } from '../db/types';

export { defaultReviewSettings, ReviewSettings } from '../../shared/review/settings';
/** The hospital's review settings (hospital_settings, key 'review'; shared/review/settings.ts). */
export async function reviewSettings(q: Queryable): Promise<ReviewSettings> {
  const [row] = await q.query<{ value: unknown }>(`SELECT value FROM hospital_settings WHERE key = 'review'`);
  return ReviewSettings.parse({ ...defaultReviewSettings, ...(row?.value as object | undefined) });
}

/** The calendar date at `at` in the hospital's time zone, as YYYY-MM-DD. */
export function hospitalDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The last day a prescription may be dispensed: issued on day 1, valid `validityDays` days. */
export function lastValidDay(issuedOn: string, validityDays: number): string {
  const day = new Date(`${issuedOn}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + validityDays - 1);
  return day.toISOString().slice(0, 10);
}
