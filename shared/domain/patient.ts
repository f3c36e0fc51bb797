import { z } from 'zod';
import { ChartSync, Problem, TimelineCursor, TimelineEntry, Trend } from './chart';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const Sex = z.enum(['male', 'female']);

export const PatientListItem = z.object({
  id: z.string(),
  name: z.string(),
  namePinyin: z.string(),
  sex: Sex,
  birthDate: isoDate,
  idNumberMasked: z.string(),
  phone: z.string(),
  department: z.string(),
  /** 病案号, '' where the server has not sent one. */
  recordNumber: z.string(),
});
export type PatientListItem = z.infer<typeof PatientListItem>;

/** A diagnosis is a problem on the problem list (shared/domain/chart.ts). */
export const Diagnosis = Problem;

export const Allergy = z.object({
  id: z.string(),
  allergen: z.string(),
  reaction: z.string(),
  status: z.enum(['active', 'removed']),
  recordedOn: isoDate,
});

export const Encounter = TimelineEntry;

export const PrescriptionItemSummary = z.object({
  drug: z.string(),
  dose: z.string(),
  frequency: z.string(),
  days: z.number().int(),
});

export const PrescriptionSummary = z.object({
  id: z.string(),
  issuedOn: isoDate,
  status: z.string(),
  items: z.array(PrescriptionItemSummary),
});

export const LabResult = z.object({
  id: z.string(),
  takenOn: isoDate,
  test: z.string(),
  value: z.string(),
  unit: z.string(),
  flag: z.enum(['normal', 'high', 'low']),
});

/** Two values for one field, kept for a person to resolve (DESIGN.md, offline rules). */
export const FieldConflict = z.object({
  id: z.string(),
  field: z.string().nullable(),
  serverValue: z.string().nullable(),
  clientValue: z.string().nullable(),
  createdAt: z.string(),
});

/** The chart as it opens (issue 11): one call, from the local cache, offline too. */
export const PatientSummary = z.object({
  patient: PatientListItem.extend({ address: z.string() }),
  conflicts: z.array(FieldConflict),
  /** The timeline's first page, newest first; `patients:timeline` pages on from `encountersNext`. */
  encounters: z.array(Encounter),
  encountersNext: TimelineCursor.nullable(),
  encounterTotal: z.number().int(),
  diagnoses: z.array(Diagnosis),
  trends: z.array(Trend),
  sync: ChartSync,
  allergies: z.array(Allergy),
  prescriptions: z.array(PrescriptionSummary),
  labs: z.array(LabResult),
});
export type PatientSummary = z.infer<typeof PatientSummary>;
