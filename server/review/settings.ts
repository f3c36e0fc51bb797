import { z } from 'zod';
import type { Queryable } from '../db/types';

/**
 * Review settings the hospital may change (hospital_settings, key 'review'); what is absent takes
 * these defaults. Children are under 14 (the age Chinese hospitals' pediatric outpatient clinics
 * serve); the elderly are 60 and over (《中华人民共和国老年人权益保障法》第二条).
 */
export const ReviewSettings = z.object({
  /** How long a claim holds an item without being renewed (issue 10: e.g. 10 minutes). */
  leaseMs: z.number().int().min(60_000).max(4 * 60 * 60_000),
  /** Waiting time after which the queue's clock turns amber, then red. */
  amberMs: z.number().int().min(60_000),
  redMs: z.number().int().min(60_000),
  /** The hospital's time zone: a prescription's validity days are its calendar days. */
  timeZone: z.string().min(1).max(64),
  childUnderYears: z.number().int().min(1).max(18),
  elderlyFromYears: z.number().int().min(50).max(90),
  /** How long a prescription a pharmacist reviewed stays in their devices' scope (issue 8, item 5). */
  reviewedScopeDays: z.number().int().min(1).max(366),
});
export type ReviewSettings = z.infer<typeof ReviewSettings>;

export const defaultReviewSettings: ReviewSettings = {
  leaseMs: 10 * 60_000,
  amberMs: 30 * 60_000,
  redMs: 60 * 60_000,
  timeZone: 'Asia/Shanghai',
  childUnderYears: 14,
  elderlyFromYears: 60,
  reviewedScopeDays: 30,
};

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
