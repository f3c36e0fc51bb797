import type { RxContextView } from '../../../../shared/ipc/rxChannels';
import { computeQuantity, usualDays, type DrugView, type FormView, type Quantity } from '../../../../shared/rx/dispense';
import type { DraftItem } from '../../../../shared/rx/draft';

let counter = 0;
export const newUid = () => `i${Date.now().toString(36)}${(counter++).toString(36)}`;

/** The indication to prefill: the patient's most recent in-person diagnosis (online follow-up needs one). */
function defaultIndication(context: RxContextView) {
  return context.diagnoses.find((d) => d.setting === 'in-person') ?? context.diagnoses[0] ?? null;
}

/** A new item with the drug's usual values: the physician reviews every field before signing. */
export function newItem(drug: DrugView, context: RxContextView): DraftItem {
  const form = drug.forms[0];
  const indication = defaultIndication(context);
  return {
    uid: newUid(),
    drug: drug.code,
    form: form && drug.forms.length > 1 ? form.form : null,
    release: form && drug.forms.length > 1 ? form.release : null,
    route: form?.routes[0] ?? null,
    doseValue: form?.usual?.doseValue ?? null,
    doseUnit: form?.usual?.doseUnit ?? null,
    frequency: form?.usual?.frequency ?? null,
    maxPerDay: null,
    days: usualDays(drug, indication?.chronic ?? false),
    indication: indication?.code ?? null,
  };
}

/** The form an item is on: the one named, else the first that has its route. */
export function formOf(drug: DrugView | undefined, item: DraftItem): FormView | undefined {
  if (!drug) return undefined;
  return (
    drug.forms.find((f) => f.form === item.form && (item.release === null || f.release === item.release)) ??
    drug.forms.find((f) => item.route !== null && f.routes.includes(item.route)) ??
    drug.forms[0]
  );
}

export function quantityOf(drug: DrugView | undefined, item: DraftItem): Quantity | null {
  const form = formOf(drug, item);
  if (!form || item.doseValue === null || !item.doseUnit || !item.frequency || item.days === null) return null;
  return computeQuantity(form, { doseValue: item.doseValue, doseUnit: item.doseUnit, frequency: item.frequency, days: item.days, maxPerDay: item.maxPerDay, ...(drug?.iuPerMg ? { iuPerMg: drug.iuPerMg } : {}) });
}
