import { z } from 'zod';

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
