/**
 * What the drafting form needs from the formulary, and the arithmetic it shows: the drug's usual
 * values (to prefill the pickers) and the quantity to dispense. Pure: the same numbers in the form
 * and in the signed document.
 */
import { z } from 'zod';
import type { RxKnowledge } from './knowledge/compile';
import type { Drug, DrugForm } from './knowledge/schema';
import { doseUnits, frequencies, routes, roundQuantity, scheduleOf, type DoseUnit, type Frequency } from './quantity';

export const FormView = z.object({
  form: z.string(),
  release: z.enum(['immediate', 'extended']),
  routes: z.array(z.enum(routes)),
  strengths: z.array(z.object({ value: z.number(), unit: z.string(), perMl: z.number().optional() })),
  /** The form's usual single dose and frequency for the general indication, when the label gives one. */
  usual: z.object({ doseValue: z.number(), doseUnit: z.enum(doseUnits), frequency: z.enum(frequencies) }).nullable(),
});
export type FormView = z.infer<typeof FormView>;

export const DrugView = z.object({
  code: z.string(),
  inn: z.string(),
  nameZh: z.string(),
  pinyinInitials: z.string(),
  forms: z.array(FormView),
  highAlert: z.boolean(),
  antibiotic: z.boolean(),
  control: z.string().nullable(),
});
export type DrugView = z.infer<typeof DrugView>;

function usualOf(form: DrugForm): FormView['usual'] {
  const rule = form.doses.find((d) => d.indications === null) ?? form.doses[0];
  if (!rule?.usualSingle) return null;
  return { doseValue: rule.usualSingle.value, doseUnit: rule.usualSingle.unit, frequency: rule.usualFrequency ?? 'qd' };
}

export function drugView(knowledge: RxKnowledge, drug: Drug): DrugView {
  return {
    code: drug.code,
    inn: drug.inn,
    nameZh: drug.nameZh,
    pinyinInitials: drug.pinyinInitials,
    forms: drug.forms.map((f) => ({
      form: f.form,
      release: f.release,
      routes: [...f.routes],
      strengths: f.strengths.map((s) => ({ value: s.value, unit: s.unit, ...(s.perMl === undefined ? {} : { perMl: s.perMl }) })),
      usual: usualOf(f),
    })),
    highAlert: knowledge.highAlertByDrug.has(drug.code),
    antibiotic: drug.antibiotic,
    control: drug.control,
  };
}

/**
 * Days to prefill: a chronic condition's follow-up gets four weeks (the silent limit for long
 * prescriptions), anything else a week (《处方管理办法》第十九条: in general no more than 7 days).
 * Antibiotics and controlled drugs never get long prescriptions.
 */
export function usualDays(drug: Pick<DrugView, 'antibiotic' | 'control'>, chronicIndication: boolean): number {
  return chronicIndication && !drug.antibiotic && drug.control === null ? 28 : 7;
}

/** Doses over the whole prescription: scheduled use by days, weekly by weeks, prn by its daily cap. */
export function totalDoses(frequency: Frequency, days: number, maxPerDay: number | null): number {
  const s = scheduleOf(frequency);
  switch (s.kind) {
    case 'daily':
      return s.perDay * days;
    case 'weekly':
      return s.perWeek * Math.ceil(days / 7);
    case 'prn':
      return (maxPerDay ?? 1) * days;
    case 'once':
      return 1;
  }
}

/** Solid forms are dispensed by the piece; everything else by total amount. */
const countable = /tablet|capsule|suppository|patch/i;

export interface Quantity {
  value: number;
  /** A form name ("tablet") when counted in pieces, else the dose unit ("IU", "mL", "mcg"). */
  unit: string;
}

/**
 * Pieces when the dose is a whole (or, for tablets, half) number of one strength's units, choosing
 * whole pieces over halves and then the fewest pieces; otherwise the total amount in the dose's unit.
 */
export function computeQuantity(
  form: Pick<FormView, 'form' | 'strengths'>,
  item: { doseValue: number; doseUnit: DoseUnit; frequency: Frequency; days: number; maxPerDay: number | null },
): Quantity {
  const doses = totalDoses(item.frequency, item.days, item.maxPerDay);
  if (countable.test(form.form)) {
    const halves = /tablet/i.test(form.form);
    const perDose = form.strengths
      .filter((s) => s.unit === item.doseUnit && s.perMl === undefined)
      .map((s) => roundQuantity(item.doseValue / s.value))
      .filter((n) => n > 0 && (Number.isInteger(n) || (halves && Number.isInteger(n * 2))))
      // Whole pieces before halves, then the fewest pieces.
      .sort((a, b) => Number(!Number.isInteger(a)) - Number(!Number.isInteger(b)) || a - b)[0];
    if (perDose !== undefined) return { value: Math.ceil(roundQuantity(perDose * doses)), unit: form.form };
  }
  return { value: roundQuantity(item.doseValue * doses), unit: item.doseUnit };
}
