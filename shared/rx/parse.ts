/**
 * Parsing a check request: zod for the shape, then the formulary for what only it knows (amlodipine
 * has no intravenous form; warfarin is not dosed in mL). Either step failing gives ONE clear line,
 * which is what `caredesk rx-check` prints before exiting 2.
 */
import type { z } from 'zod';
import { firstIssue, RxCheckInputSchema, RxVisitInputSchema, type RxCheckInput, type RxItem, type RxVisitInput } from './input';
import { findDrug, type RxKnowledge } from './knowledge/compile';
import { isCountableForm, piecesPerDose } from './dispense';
import type { Drug, DrugForm } from './knowledge/schema';
import { selectForms } from './resolve';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * A dose no count of whole (or half) pieces makes, when every form it could be is a solid: nobody
 * can dispense it, so it is refused rather than shown as a total in mg.
 */
function undispensableDose(drug: Drug, forms: readonly DrugForm[], item: RxItem): string | null {
  if (!forms.every((f) => isCountableForm(f.form))) return null;
  if (forms.some((f) => piecesPerDose(f, item.dose.value, item.dose.unit, drug.iuPerMg?.value) !== null)) return null;
  const strengths = forms.map((f) => `${f.form} ${f.strengths.map((s) => `${s.value} ${s.unit}`).join(', ')}`).join('; ');
  return `${item.dose.value} ${item.dose.unit} cannot be made from whole or half pieces of ${drug.inn} (${strengths})`;
}

function checkItemsAgainstFormulary(items: readonly RxItem[], knowledge: RxKnowledge, prefix: string): string | null {
  for (const [i, item] of items.entries()) {
    const drug = findDrug(knowledge, item.drug);
    if (!drug) continue; // an unknown drug is an alert (UNKNOWN_DRUG), not bad input
    const selection = selectForms(drug, item);
    if (!selection.ok) return `${prefix}items[${i}].${selection.field}: ${selection.message}`;
    const unmakeable = undispensableDose(drug, selection.forms, item);
    if (unmakeable) return `${prefix}items[${i}].dose: ${unmakeable}`;
  }
  return null;
}

function parseWith<S extends z.ZodType>(schema: S, raw: unknown): ParseResult<z.infer<S>> {
  const r = schema.safeParse(raw);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: firstIssue(r.error) };
}

export function parseRxCheckInput(raw: unknown, knowledge: RxKnowledge): ParseResult<RxCheckInput> {
  const r = parseWith(RxCheckInputSchema, raw);
  if (!r.ok) return r;
  const error = checkItemsAgainstFormulary(r.value.items, knowledge, '');
  return error ? { ok: false, error } : r;
}

export function parseRxVisitInput(raw: unknown, knowledge: RxKnowledge): ParseResult<RxVisitInput> {
  const r = parseWith(RxVisitInputSchema, raw);
  if (!r.ok) return r;
  for (const [p, rx] of r.value.prescriptions.entries()) {
    const error = checkItemsAgainstFormulary(rx.items, knowledge, `prescriptions[${p}].`);
    if (error) return { ok: false, error };
  }
  return r;
}

/** The CLI's entry: JSON text in, one-line error out. */
export function parseRxCheckJson(text: string, knowledge: RxKnowledge): ParseResult<RxCheckInput> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  return parseRxCheckInput(raw, knowledge);
}
