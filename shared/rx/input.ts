/**
 * The input of a prescription check (issue 4, "Contract for headless use"), validated with zod.
 * Objects are strict: a misspelt `pregnant` must be an error, never a silently skipped check.
 * Structural checks live here; checks that need the formulary (does this drug come as a solution?)
 * live in `validate.ts`.
 */
import { z } from 'zod';
import { doseUnits, frequencies, normaliseRoute, routes, type Route } from './quantity';

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date (2026-02-30 is impossible input, not a typo to guess around). */
export function isRealDate(s: string): boolean {
  const m = isoDatePattern.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && y <= 2200 && t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

const IsoDate = z.string().refine(isRealDate, 'expected a real date as YYYY-MM-DD');

/** Full ICD-10 codes as written in records ("I10", "E11.9", "M05.301"). */
const Icd10 = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-Z]\d{2}(\.[0-9A-Z]{1,4})?$/, 'expected an ICD-10 code like "I10" or "E11.9"'));

const unitSpellings: Readonly<Record<string, (typeof doseUnits)[number]>> = {
  mg: 'mg', g: 'g', mcg: 'mcg', ug: 'mcg', 'μg': 'mcg', 'µg': 'mcg', iu: 'IU', ml: 'mL',
};
const DoseUnit = z.string().transform((s, ctx) => {
  const unit = unitSpellings[s.trim().toLowerCase()];
  if (unit) return unit;
  ctx.addIssue({ code: 'custom', message: `unknown unit ${JSON.stringify(s)} (expected ${doseUnits.join(', ')})` });
  return z.NEVER;
});
const RouteInput = z.string().transform((s, ctx): Route => {
  const route = normaliseRoute(s);
  if (route) return route;
  ctx.addIssue({ code: 'custom', message: `unknown route ${JSON.stringify(s)} (expected one of ${routes.join(', ')}, or po, sl, sc, im, iv)` });
  return z.NEVER;
});
const FrequencyInput = z.string().transform((s, ctx) => {
  const f = s.trim().toLowerCase();
  if ((frequencies as readonly string[]).includes(f)) return f as (typeof frequencies)[number];
  ctx.addIssue({ code: 'custom', message: `unknown frequency ${JSON.stringify(s)} (expected one of ${frequencies.join(', ')})` });
  return z.NEVER;
});

export const RxItemSchema = z.strictObject({
  id: z.string().optional(),
  drug: z.string().trim().min(1, 'drug name is empty'),
  dose: z.strictObject({
    value: z.number().finite().positive('dose must be greater than 0'),
    unit: DoseUnit,
  }),
  route: RouteInput,
  frequency: FrequencyInput,
  /** For `prn`: at most this many doses a day; without it a prn item is checked per dose. */
  maxPerDay: z.number().int().positive().optional(),
  days: z.number().int('days must be a whole number').min(1, 'days must be at least 1'),
  indication: Icd10,
  /** Optional: pick the form ("tablet") and release when a drug has several on one route (nifedipine). */
  form: z.string().trim().min(1).optional(),
  release: z.enum(['immediate', 'extended']).optional(),
});
export type RxItem = z.infer<typeof RxItemSchema>;

const DiagnosisSchema = z.strictObject({
  code: Icd10,
  since: IsoDate,
  setting: z.enum(['in-person', 'online']),
  label: z.string().optional(),
});

export const RxPatientSchema = z.strictObject({
  id: z.string().optional(),
  birthDate: IsoDate,
  sex: z.enum(['male', 'female']).optional(),
  weightKg: z.number().positive('weightKg must be greater than 0').max(500).optional(),
  pregnant: z.boolean().optional(),
  lactating: z.boolean().optional(),
  eGFR: z.number().nonnegative().max(300).optional(),
  /** Child-Pugh class where assessed; without it hepatic impairment is read from the diagnoses (checks/hepatic.ts). */
  childPugh: z.enum(['A', 'B', 'C']).optional(),
  /** Missing = not recorded (ALLERGY info); [] = no known allergies. */
  allergies: z.array(z.string().trim().min(1, 'an allergy is empty')).optional(),
  diagnoses: z.array(DiagnosisSchema).default([]),
  activeMedications: z.array(z.strictObject({ drug: z.string().trim().min(1) })).default([]),
});
export type RxPatient = z.infer<typeof RxPatientSchema>;

export const RxVisitSchema = z.strictObject({
  kind: z.enum(['follow-up', 'first-visit']),
  channel: z.enum(['online', 'in-person']).default('online'),
  department: z.string().trim().min(1).optional(),
  guardianPresent: z.boolean().optional(),
  /** An emergency prescription: at most 3 days (《处方管理办法》第十九条). */
  emergency: z.boolean().optional(),
});
export type RxVisit = z.infer<typeof RxVisitSchema>;

interface Dated {
  date: string;
  patient: RxPatient;
}
/** Facts that cannot all be true at once are impossible input, not something to warn about. */
function refineDates(input: Dated, ctx: z.RefinementCtx): void {
  if (input.patient.birthDate > input.date)
    ctx.addIssue({ code: 'custom', path: ['patient', 'birthDate'], message: `birth date ${input.patient.birthDate} is after the prescription date ${input.date}` });
  input.patient.diagnoses.forEach((d, i) => {
    if (d.since > input.date)
      ctx.addIssue({ code: 'custom', path: ['patient', 'diagnoses', i, 'since'], message: `diagnosis date ${d.since} is after the prescription date ${input.date}` });
  });
  if (input.patient.sex === 'male' && (input.patient.pregnant || input.patient.lactating))
    ctx.addIssue({ code: 'custom', path: ['patient', 'pregnant'], message: 'a male patient cannot be pregnant or lactating' });
}

export const RxCheckInputSchema = z
  .strictObject({
    id: z.string().optional(),
    date: IsoDate,
    patient: RxPatientSchema,
    visit: RxVisitSchema,
    items: z.array(RxItemSchema).min(1, 'a prescription needs at least one item'),
  })
  .superRefine(refineDates);
export type RxCheckInput = z.infer<typeof RxCheckInputSchema>;

/** All prescriptions of one visit, checked together (the UI splits a 6th drug into a second one). */
export const RxVisitInputSchema = z
  .strictObject({
    date: IsoDate,
    patient: RxPatientSchema,
    visit: RxVisitSchema,
    prescriptions: z.array(z.strictObject({ id: z.string().optional(), items: z.array(RxItemSchema) })).min(1),
  })
  .superRefine(refineDates);
export type RxVisitInput = z.infer<typeof RxVisitInputSchema>;

/** `items[0].dose.value` rather than `items.0.dose.value`: the way a reader would point at it. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid input';
  const where = formatPath(issue.path);
  const message = issue.code === 'invalid_type' && issue.message.includes('received undefined') ? 'is required' : issue.message;
  return where ? `${where}: ${message}` : message;
}
