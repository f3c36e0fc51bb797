/**
 * Ties each prescription item to its formulary drug and to the forms it can be (by route, optional
 * form/release, and dose unit), and converts a written dose into an amount of drug.
 */
import type { RxItem } from './input';
import { findDrug, type RxKnowledge } from './knowledge/compile';
import type { Drug, DrugForm } from './knowledge/schema';
import { isMassUnit, roundQuantity, type Amount } from './quantity';

/** Where an item sits: prescription index within the visit, item index within the prescription. */
export interface ItemRef {
  prescription: number;
  item: number;
}

export interface ResolvedItem {
  ref: ItemRef;
  item: RxItem;
  /** null: not in the formulary (UNKNOWN_DRUG); the drug-specific checks then skip the item. */
  drug: Drug | null;
  /** The forms this item can be; several when the prescriber did not say (IR and ER nifedipine). */
  forms: readonly DrugForm[];
}

export type FormSelection =
  | { ok: true; forms: DrugForm[] }
  | { ok: false; field: 'route' | 'form' | 'release' | 'dose.unit'; message: string };

/** A unit applies when a strength is in its dimension, or the drug's label converts to one that is. */
function formSupportsUnit(drug: Drug, form: DrugForm, unit: RxItem['dose']['unit']): boolean {
  if (unit === 'mL') return form.strengths.some((s) => s.perMl !== undefined);
  if (drug.iuPerMg !== undefined) return true;
  if (unit === 'IU') return form.strengths.some((s) => s.unit === 'IU');
  return form.strengths.some((s) => isMassUnit(s.unit));
}

const list = (xs: Iterable<string>): string => [...new Set(xs)].join(', ');

export function selectForms(drug: Drug, item: RxItem): FormSelection {
  let forms = drug.forms.filter((f) => f.routes.includes(item.route));
  if (forms.length === 0)
    return { ok: false, field: 'route', message: `${item.route} is not a route of ${drug.inn} (available: ${list(drug.forms.flatMap((f) => f.routes))})` };
  if (item.form !== undefined) {
    const wanted = item.form.toLowerCase();
    const byForm = forms.filter((f) => f.form.toLowerCase() === wanted);
    if (byForm.length === 0)
      return { ok: false, field: 'form', message: `${drug.inn} has no ${item.form} for route ${item.route} (available: ${list(forms.map((f) => f.form))})` };
    forms = byForm;
  }
  if (item.release !== undefined) {
    const byRelease = forms.filter((f) => f.release === item.release);
    if (byRelease.length === 0)
      return { ok: false, field: 'release', message: `${drug.inn} has no ${item.release}-release form for route ${item.route}` };
    forms = byRelease;
  }
  const byUnit = forms.filter((f) => formSupportsUnit(drug, f, item.dose.unit));
  if (byUnit.length === 0) {
    const units = forms.flatMap((f) => f.strengths.flatMap((s) => (s.perMl !== undefined ? [s.unit, 'mL'] : [s.unit])));
    const why = item.dose.unit === 'mL' ? 'no liquid form' : 'its label gives no equivalence between IU and mass';
    return { ok: false, field: 'dose.unit', message: `${item.dose.unit} is not a unit for ${drug.inn} by route ${item.route}: ${why} (available: ${list(units)})` };
  }
  return { ok: true, forms: byUnit };
}

/**
 * What one dose delivers, in the form's own units. A dose in mL gives one amount per labelled
 * concentration of the form (the checks then alert only if every reading is over a limit).
 */
export function doseAmounts(form: DrugForm, dose: RxItem['dose']): Amount[] {
  if (dose.unit !== 'mL') return [{ value: dose.value, unit: dose.unit }];
  return form.strengths.flatMap((s) => (s.perMl === undefined ? [] : [{ value: roundQuantity((dose.value * s.value) / s.perMl), unit: s.unit }]));
}

export function resolveItem(knowledge: RxKnowledge, item: RxItem, ref: ItemRef): ResolvedItem {
  const drug = findDrug(knowledge, item.drug);
  if (!drug) return { ref, item, drug: null, forms: [] };
  const selection = selectForms(drug, item);
  // Unreachable for validated input; a draft the UI is still editing simply gets no form-based checks.
  return { ref, item, drug, forms: selection.ok ? selection.forms : [] };
}
