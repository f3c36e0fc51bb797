/**
 * The signed prescription document: exactly the `prescription.submit` payload (shared/sync/wire.ts)
 * without its `signature`. What the physician sees in the sign step is built from the same items,
 * so what is shown is what is signed.
 */
import type { MutationPayload } from '../sync/wire';
import { computeQuantity, isCountableForm, piecesPerDose } from './dispense';
import type { RxItem } from './input';
import { findDrug, type RxKnowledge } from './knowledge/compile';
import { selectForms } from './resolve';

export type SubmitPayload = MutationPayload<'prescription.submit'>;
export type PrescriptionDocument = Omit<SubmitPayload, 'signature'>;
export type DocumentItem = SubmitPayload['items'][number];

export function documentItem(knowledge: RxKnowledge, item: RxItem): DocumentItem {
  const drug = findDrug(knowledge, item.drug);
  const base: DocumentItem = {
    drug: drug?.inn ?? item.drug,
    dose: `${item.dose.value} ${item.dose.unit}`,
    frequency: item.frequency,
    days: item.days,
    route: item.route,
    doseValue: item.dose.value,
    doseUnit: item.dose.unit,
    indication: item.indication,
    ...(item.maxPerDay === undefined ? {} : { maxPerDay: item.maxPerDay }),
  };
  if (!drug) return base;
  const selection = selectForms(drug, item);
  // The first candidate form that can deliver the dose (a 1330 mg paracetamol dose is a liquid, not tablets).
  const candidates = selection.ok ? selection.forms : [];
  const form = candidates.find((f) => !isCountableForm(f.form) || piecesPerDose(f, item.dose.value, item.dose.unit, drug.iuPerMg?.value) !== null) ?? candidates[0];
  if (!form) return { ...base, drugCode: drug.code, drugNameZh: drug.nameZh };
  const quantity = computeQuantity(form, {
    doseValue: item.dose.value,
    doseUnit: item.dose.unit,
    frequency: item.frequency,
    days: item.days,
    maxPerDay: item.maxPerDay ?? null,
    ...(drug.iuPerMg ? { iuPerMg: drug.iuPerMg.value } : {}),
  });
  return {
    ...base,
    drugCode: drug.code,
    drugNameZh: drug.nameZh,
    form: form.form,
    release: form.release,
    quantity: quantity.value,
    quantityUnit: quantity.unit,
  };
}

/** The payload without the signature: what the prescriber signs. */
export function withoutSignature(payload: SubmitPayload): PrescriptionDocument {
  const { signature: _, ...document } = payload;
  return document;
}

/** A signed document's items back as engine items (structured fields were signed with it). */
export function signedRxItems(payload: SubmitPayload): RxItem[] {
  return payload.items.flatMap((i): RxItem[] => {
    if (!i.drugCode || i.doseValue === undefined || !i.doseUnit || !i.route || !i.indication) return [];
    return [{
      drug: i.drugCode,
      dose: { value: i.doseValue, unit: i.doseUnit as RxItem['dose']['unit'] },
      route: i.route as RxItem['route'],
      frequency: i.frequency as RxItem['frequency'],
      days: i.days,
      indication: i.indication,
      ...(i.maxPerDay === undefined ? {} : { maxPerDay: i.maxPerDay }),
      ...(i.form ? { form: i.form } : {}),
      ...(i.release ? { release: i.release } : {}),
    }];
  });
}
