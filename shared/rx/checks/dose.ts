/**
 * DOSE_SINGLE_MAX, DOSE_DAILY_MAX (weekly for qw/biw drugs) and FREQUENCY, against the limits of the
 * item's form and indication in the formulary (each drug cites the label or formulary they come from).
 * When the prescriber did not name the form and the candidates differ (immediate vs extended
 * nifedipine), an alert is raised only if the dose is over the limit of every candidate.
 */
import type { Finding } from '../alerts';
import type { RxItem } from '../input';
import type { DoseRule, Drug, DrugForm } from '../knowledge/schema';
import { convertAmount, formatAmount, scheduleOf, type Amount, type AmountUnit } from '../quantity';
import { totalDoses } from '../dispense';
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

/**
 * One dose in `unit`; for a dose in mL, the smallest reading over the form's concentrations. IU and
 * mass convert only through the drug's labelled `iuPerMg`.
 */
export function amountIn(drug: Drug, form: DrugForm, dose: RxItem['dose'], unit: AmountUnit): number | null {
  const values = doseAmounts(form, dose)
    .map((a) => convertAmount(a, unit, drug.iuPerMg?.value))
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
    const amount = amountIn(item.drug, form, item.item.dose, limit.unit);
    if (amount === null) return null;
    const total = amount * multiplier;
    if (total <= limit.value * (1 + 1e-9)) return null;
    const ratio = total / limit.value;
    if (!least || ratio < least.ratio) least = { total, limit, ratio };
  }
  return least;
}

/**
 * Weekly-only in this indication: the label gives a weekly limit and no daily regimen (oral
 * methotrexate for arthritis, ISMP/CPA high-alert). Alendronate has both (10 mg daily or 70 mg
 * weekly), so a daily order of it is not a frequency error.
 */
function isWeeklyOnly(item: KnownItem): boolean {
  return item.forms.length > 0 && item.forms.every((f) => {
    const rule = ruleFor(f, item.item.indication);
    return rule?.maxWeekly != null && rule.maxDaily === null;
  });
}

/**
 * Each limit is compared with the regimen the label states it for: a daily limit with the doses of
 * one day of a daily regimen, a weekly limit with a week's doses, a course limit with the whole
 * prescription. A once-weekly 70 mg alendronate is within its weekly limit, not over its 10 mg daily
 * one; a weekly order of a drug the label doses only daily is still compared per day of use.
 */
export const doseCheck: Check = (ctx) =>
  knownItems(ctx).flatMap((i): Finding[] => {
    if (i.forms.length === 0) return [];
    const out: Finding[] = [];
    const name = drugName(ctx, i.drug);
    const base = { severity: 'override' as const, refs: [i.ref], source: sourcesOf(i.drug) };
    const show = (e: Excess): [string, string] => [formatAmount(e.total, e.limit.unit), formatAmount(e.limit.value, e.limit.unit)];
    const key = (suffix: string): string => `${suffix}:${refKey(i.ref)}`;

    const single = overLimit(i, (r) => r.maxSingle, 1);
    if (single) out.push({ ...base, code: 'DOSE_SINGLE_MAX', key: key('DOSE_SINGLE_MAX'), message: ctx.msg.doseSingle(name, ...show(single)) });

    const schedule = scheduleOf(i.item.frequency);
    if (schedule.kind === 'daily' && isWeeklyOnly(i)) {
      out.push({ ...base, code: 'FREQUENCY', key: key('FREQUENCY'), message: ctx.msg.frequencyWeekly(name, i.item.frequency) });
      return out;
    }
    const perDay = schedule.kind === 'daily' ? schedule.perDay : schedule.kind === 'prn' ? (i.item.maxPerDay ?? null) : 1;
    // A weekly order meets a daily limit only when the label has no weekly regimen to compare with.
    const pickDaily = schedule.kind === 'weekly' ? (r: DoseRule) => (r.maxWeekly === null ? r.maxDaily : null) : (r: DoseRule) => r.maxDaily;
    const daily = perDay === null || (perDay === 1 && single) ? null : overLimit(i, pickDaily, perDay);
    if (daily) out.push({ ...base, code: 'DOSE_DAILY_MAX', key: key('DOSE_DAILY_MAX'), message: ctx.msg.doseDaily(name, ...show(daily)) });

    const perWeek = schedule.kind === 'weekly' ? schedule.perWeek : schedule.kind === 'daily' && !daily && i.item.days >= 7 ? schedule.perDay * 7 : null;
    const weekly = perWeek === null ? null : overLimit(i, (r) => r.maxWeekly, perWeek);
    if (weekly) out.push({ ...base, code: 'DOSE_DAILY_MAX', key: `${key('DOSE_DAILY_MAX')}:weekly`, message: ctx.msg.doseWeekly(name, ...show(weekly)) });

    const doses = totalDoses(i.item.frequency, i.item.days, i.item.maxPerDay ?? null);
    const course = overLimit(i, (r) => r.maxCourse ?? null, doses);
    if (course) out.push({ ...base, code: 'DOSE_DAILY_MAX', key: `${key('DOSE_DAILY_MAX')}:course`, message: ctx.msg.doseCourse(name, ...show(course), i.item.days) });
    return out;
  });
