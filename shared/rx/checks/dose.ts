/**
 * DOSE_SINGLE_MAX, DOSE_DAILY_MAX (weekly for qw/biw drugs) and FREQUENCY, against the limits of the
 * item's form and indication in the formulary (each drug cites the label or formulary they come from).
 * When the prescriber did not name the form and the candidates differ (immediate vs extended
 * nifedipine), an alert is raised only if the dose is over the limit of every candidate.
 */
import type { Finding } from '../alerts';
import type { RxItem } from '../input';
import type { DoseRule, DrugForm } from '../knowledge/schema';
import { convertAmount, formatAmount, scheduleOf, type Amount, type AmountUnit } from '../quantity';
import { doseAmounts } from '../resolve';
import { drugName, knownItems, refKey, sourcesOf, type Check, type KnownItem } from './context';

/** The dose rule for an indication: the longest matching ICD-10 prefix, else the general rule. */
export function ruleFor(form: DrugForm, indication: string): DoseRule | null {
  let best: DoseRule | null = null;
  let bestLength = -1;
  for (const rule of form.doses) {
    if (rule.indications === null) {
      if (bestLength < 0) [best, bestLength] = [rule, 0];
      continue;
    }
    for (const prefix of rule.indications)
      if (indication.startsWith(prefix) && prefix.length > bestLength) [best, bestLength] = [rule, prefix.length];
  }
  return best;
}

/** One dose in `unit`; for a dose in mL, the smallest reading over the form's concentrations. */
export function amountIn(form: DrugForm, dose: RxItem['dose'], unit: AmountUnit): number | null {
  const values = doseAmounts(form, dose)
    .map((a) => convertAmount(a, unit))
    .filter((v): v is number => v !== null);
  return values.length ? Math.min(...values) : null;
}

interface Excess {
  total: number;
  limit: Amount;
}

/** Over `pick(rule)` for every candidate form (a form without that limit means "cannot tell"). */
function overLimit(item: KnownItem, pick: (rule: DoseRule) => Amount | null, multiplier: number): Excess | null {
  let least: (Excess & { ratio: number }) | null = null;
  for (const form of item.forms) {
    const rule = ruleFor(form, item.item.indication);
    const limit = rule ? pick(rule) : null;
    if (!limit) return null;
    const amount = amountIn(form, item.item.dose, limit.unit);
    if (amount === null) return null;
    const total = amount * multiplier;
    if (total <= limit.value * (1 + 1e-9)) return null;
    const ratio = total / limit.value;
    if (!least || ratio < least.ratio) least = { total, limit, ratio };
  }
  return least;
}

/** Drugs dosed weekly in this indication (oral methotrexate for arthritis, ISMP/CPA high-alert). */
function isWeeklyDrug(item: KnownItem): boolean {
  return item.forms.length > 0 && item.forms.every((f) => ruleFor(f, item.item.indication)?.maxWeekly != null);
}

export const doseCheck: Check = (ctx) =>
  knownItems(ctx).flatMap((i): Finding[] => {
    if (i.forms.length === 0) return [];
    const out: Finding[] = [];
    const name = drugName(ctx, i.drug);
    const base = { severity: 'override' as const, refs: [i.ref], source: sourcesOf(i.drug) };
    const show = (e: Excess): [string, string] => [formatAmount(e.total, e.limit.unit), formatAmount(e.limit.value, e.limit.unit)];

    const single = overLimit(i, (r) => r.maxSingle, 1);
    if (single) out.push({ ...base, code: 'DOSE_SINGLE_MAX', key: `DOSE_SINGLE_MAX:${refKey(i.ref)}`, message: ctx.msg.doseSingle(name, ...show(single)) });

    const schedule = scheduleOf(i.item.frequency);
    if (schedule.kind === 'daily' && isWeeklyDrug(i)) {
      out.push({ ...base, code: 'FREQUENCY', key: `FREQUENCY:${refKey(i.ref)}`, message: ctx.msg.frequencyWeekly(name, i.item.frequency) });
      return out;
    }
    const perDay = schedule.kind === 'daily' ? schedule.perDay : schedule.kind === 'prn' ? (i.item.maxPerDay ?? null) : 1;
    const daily = perDay === null || (perDay === 1 && single) ? null : overLimit(i, (r) => r.maxDaily, perDay);
    if (daily) out.push({ ...base, code: 'DOSE_DAILY_MAX', key: `DOSE_DAILY_MAX:${refKey(i.ref)}`, message: ctx.msg.doseDaily(name, ...show(daily)) });
    if (schedule.kind === 'weekly') {
      const weekly = overLimit(i, (r) => r.maxWeekly, schedule.perWeek);
      if (weekly) out.push({ ...base, code: 'DOSE_DAILY_MAX', key: `DOSE_DAILY_MAX:${refKey(i.ref)}:weekly`, message: ctx.msg.doseWeekly(name, ...show(weekly)) });
    }
    return out;
  });
