/**
 * What the drafting form needs from the formulary, and the arithmetic it shows: the drug's usual
 * values (to prefill the pickers) and the quantity to dispense. Pure: the same numbers in the form
 * and in the signed document.
 */
import { z } from 'zod';
import type { RxKnowledge } from './knowledge/compile';
import type { Drug, DrugForm } from './knowledge/schema';
import { amountUnits, convertAmount, isMassUnit, doseUnits, frequencies, routes, roundQuantity, scheduleOf, type AmountUnit, type DoseUnit, type Frequency } from './quantity';

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
  /** The label's IU per mg, where it states one (enoxaparin): quantities convert through it. */
  iuPerMg: z.number().positive().optional(),
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
    ...(drug.iuPerMg ? { iuPerMg: drug.iuPerMg.value } : {}),
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

/**
 * Solid forms are dispensed by the piece (a granule or powder by the sachet its strength is stated
 * per); liquids, injections and inhalers by total amount. Tablets may be halved.
 */
const countable = /tablet|capsule|suppository|patch|granule|powder|lozenge|pessary/i;
const halvable = /tablet/i;

export function isCountableForm(form: string): boolean {
  return countable.test(form);
}

export interface Quantity {
  value: number;
  /** A form name ("tablet") when counted in pieces, else the dose unit ("IU", "mL", "mcg"). */
  unit: string;
}

/** The dose in the strength's unit (0.5 g of a 250 mg capsule is 500 mg); null across dimensions. */
function doseIn(doseValue: number, doseUnit: DoseUnit, unit: string, iuPerMg?: number): number | null {
  if (doseUnit === 'mL' || !(amountUnits as readonly string[]).includes(unit)) return null;
  return convertAmount({ value: doseValue, unit: doseUnit }, unit as AmountUnit, iuPerMg);
}

/**
 * The fewest pieces (whole before halves) making one dose exactly from the form's strengths, mixing
 * strengths if needed (750 mg from 500 mg + 250 mg capsules); null when no count makes it. A
 * gross overdose still has a count: it is the dose checks' business, not the dispenser's.
 */
export function piecesPerDose(form: Pick<FormView, 'form' | 'strengths'>, doseValue: number, doseUnit: DoseUnit, iuPerMg?: number): number | null {
  if (!countable.test(form.form)) return null;
  const step = halvable.test(form.form) ? [1, 0.5] : [1];
  for (const fraction of step) {
    // Integer units (1e-4 of the strength unit, then their common measure) keep the search exact.
    const sizes = form.strengths
      .filter((s) => s.perMl === undefined)
      .flatMap((s) => {
        const dose = doseIn(doseValue, doseUnit, s.unit, iuPerMg);
        return dose === null ? [] : [{ piece: s.value * fraction, dose }];
      });
    const target = sizes[0]?.dose;
    if (target === undefined) return null;
    const scale = 1e4;
    const goal = Math.round(target * scale);
    // Each piece in the first strength's unit (piece / dose is the same ratio in any unit).
    const pieces = [...new Set(sizes.map((x) => Math.round(((x.piece * target) / x.dose) * scale)))].filter((v) => v > 0);
    if (goal <= 0 || pieces.length === 0) continue;
    const g = pieces.reduce(gcd, goal);
    const cells = goal / g;
    if (cells > 100_000) continue; // strengths with no common measure: not a dose anyone writes
    const units = pieces.map((p) => p / g);
    // best[x] = fewest pieces summing to x units of g.
    const best = new Array<number>(cells + 1).fill(Infinity);
    best[0] = 0;
    for (let x = 1; x <= cells; x++) for (const u of units) if (u <= x && best[x - u]! + 1 < best[x]!) best[x] = best[x - u]! + 1;
    const count = best[cells]!;
    if (Number.isFinite(count)) return count * fraction;
  }
  return null;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Pieces when the dose is made of whole (or, for tablets, half) pieces; otherwise the total amount in the dose's unit. */
export function computeQuantity(
  form: Pick<FormView, 'form' | 'strengths'>,
  item: { doseValue: number; doseUnit: DoseUnit; frequency: Frequency; days: number; maxPerDay: number | null; iuPerMg?: number },
): Quantity {
  const doses = totalDoses(item.frequency, item.days, item.maxPerDay);
  const perDose = piecesPerDose(form, item.doseValue, item.doseUnit, item.iuPerMg);
  if (perDose !== null) return { value: Math.ceil(roundQuantity(perDose * doses)), unit: form.form };
  // A liquid dosed by mass is dispensed by volume, through its (first) labelled concentration; IU stay IU (insulin).
  const liquid = form.strengths.find((s) => s.perMl !== undefined);
  const mass = liquid && isMassUnit(item.doseUnit) && isMassUnit(liquid.unit) ? doseIn(item.doseValue, item.doseUnit, liquid.unit) : null;
  if (liquid?.perMl !== undefined && mass !== null) return { value: roundQuantity(((mass * liquid.perMl) / liquid.value) * doses), unit: 'mL' };
  return { value: roundQuantity(item.doseValue * doses), unit: item.doseUnit };
}
