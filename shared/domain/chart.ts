import { z } from 'zod';
import { DiagnosisStatus } from '../sync/chartWire';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

/** One visit on the chart's timeline. The lead's EMR module extends an entry with its signed record. */
export const TimelineEntry = z.object({
  id: z.string(),
  date: isoDate,
  kind: z.enum(['first-visit', 'follow-up']),
  channel: z.enum(['in-person', 'online']),
  department: z.string(),
  physicianName: z.string(),
  chiefComplaint: z.string(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** Where the next page starts: the last entry shown (timeline order is date, then id, both newest first). */
export const TimelineCursor = z.object({ date: isoDate, id: z.string().min(1).max(64) }).strict();
export type TimelineCursor = z.infer<typeof TimelineCursor>;

export const TimelinePage = z.object({
  entries: z.array(TimelineEntry),
  next: TimelineCursor.nullable(),
  total: z.number().int(),
});
export type TimelinePage = z.infer<typeof TimelinePage>;
export const timelinePageSize = 20;

/** A problem on the problem list: never deleted, its status changed with an author and a reason. */
export const Problem = z.object({
  id: z.string(),
  icd10: z.string(),
  label: z.string(),
  setting: z.enum(['in-person', 'online']),
  diagnosedOn: isoDate,
  status: DiagnosisStatus,
  /** Who made the diagnosis: its author, or for imported history the physician of its visit. */
  authorName: z.string().nullable(),
  statusChangedBy: z.string().nullable(),
  statusReason: z.string().nullable(),
});
export type Problem = z.infer<typeof Problem>;

/**
 * A repeated measurement drawn as a trend. Blood pressure carries both numbers; every other test
 * one value. Points are oldest first, as a chart reads.
 */
export const TrendPoint = z.object({ takenOn: isoDate, value: z.number(), diastolic: z.number().nullable() });
export const Trend = z.object({ test: z.string(), unit: z.string(), points: z.array(TrendPoint) });
export type Trend = z.infer<typeof Trend>;

/** What this workstation knows about the patient's copy: when it last synced, and what waits to go. */
export const ChartSync = z.object({ lastSyncedAt: z.string().nullable(), unsent: z.number().int() });
export type ChartSync = z.infer<typeof ChartSync>;
