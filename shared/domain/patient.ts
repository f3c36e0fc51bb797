import { z } from 'zod';

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
});
export type PatientListItem = z.infer<typeof PatientListItem>;

export const Diagnosis = z.object({
  id: z.string(),
  icd10: z.string(),
  label: z.string(),
  setting: z.enum(['in-person', 'online']),
  diagnosedOn: isoDate,
});

export const Allergy = z.object({
  id: z.string(),
  allergen: z.string(),
  reaction: z.string(),
  status: z.enum(['active', 'removed']),
  recordedOn: isoDate,
});

export const Encounter = z.object({
  id: z.string(),
  date: isoDate,
  kind: z.enum(['first-visit', 'follow-up']),
  channel: z.enum(['in-person', 'online']),
  department: z.string(),
  physicianName: z.string(),
  chiefComplaint: z.string(),
});

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

export const PatientSummary = z.object({
  patient: PatientListItem.extend({ address: z.string() }),
  conflicts: z.array(FieldConflict),
  encounters: z.array(Encounter),
  diagnoses: z.array(Diagnosis),
  allergies: z.array(Allergy),
  prescriptions: z.array(PrescriptionSummary),
  labs: z.array(LabResult),
});
export type PatientSummary = z.infer<typeof PatientSummary>;
