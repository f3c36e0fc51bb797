/**
 * PEDIATRIC_DOSE: mg/kg limits from the label or the national formulary's pediatric dosing, and the
 * weight they need. "Child" means under 14, the age range of Chinese pediatric services (儿科 0–14岁);
 * adolescents from 14 are checked against adult limits.
 */
import type { Finding } from '../alerts';
import { scheduleOf } from '../quantity';
import { amountIn } from './dose';
import { drugName, joinNames, knownItems, refKey, sourcesOf, type Check, type KnownItem } from './context';

export const CHILD_UNDER_YEARS = 14;

/** The smallest mg amount one dose can be, across the candidate forms; null if not in mg at all. */
function doseMg(i: KnownItem): number | null {
  const values = i.forms.map((f) => amountIn(i.drug, f, i.item.dose, 'mg')).filter((v): v is number => v !== null);
  return values.length ? Math.min(...values) : null;
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

export const pediatricCheck: Check = (ctx) => {
  if (ctx.ageYears >= CHILD_UNDER_YEARS) return [];
  const items = knownItems(ctx).filter((i) => i.drug.pediatric !== null);
  const out: Finding[] = [];
  const weight = ctx.patient.weightKg;
  const needWeight: KnownItem[] = [];
  for (const i of items) {
    const p = i.drug.pediatric!;
    const name = drugName(ctx, i.drug);
    const base = { code: 'PEDIATRIC_DOSE' as const, severity: 'override' as const, refs: [i.ref], key: `PEDIATRIC_DOSE:${refKey(i.ref)}`, source: sourcesOf(i.drug) };
    if (p.minAgeYears !== null && ctx.ageYears < p.minAgeYears) {
      out.push({ ...base, message: ctx.msg.pediatricMinAge(name, p.minAgeYears) });
      continue;
    }
    if (p.maxMgPerKgPerDose === null && p.maxMgPerKgPerDay === null) continue;
    if (weight === undefined) {
      needWeight.push(i);
      continue;
    }
    const mg = doseMg(i);
    if (mg === null) continue;
    const perDose = mg / weight;
    if (p.maxMgPerKgPerDose !== null && perDose > p.maxMgPerKgPerDose * (1 + 1e-9)) {
      out.push({ ...base, message: ctx.msg.pediatricPerDose(name, round1(perDose), p.maxMgPerKgPerDose) });
      continue;
    }
    const s = scheduleOf(i.item.frequency);
    const perDay = s.kind === 'daily' ? s.perDay : s.kind === 'prn' ? (i.item.maxPerDay ?? null) : 1;
    if (p.maxMgPerKgPerDay !== null && perDay !== null && perDose * perDay > p.maxMgPerKgPerDay * (1 + 1e-9))
      out.push({ ...base, message: ctx.msg.pediatricPerDay(name, round1(perDose * perDay), p.maxMgPerKgPerDay) });
  }
  if (needWeight.length)
    out.push({
      code: 'PEDIATRIC_DOSE',
      severity: 'override',
      refs: needWeight.map((i) => i.ref),
      key: 'PEDIATRIC_DOSE:weight-missing',
      message: ctx.msg.pediatricNoWeight(joinNames(ctx, needWeight.map((i) => drugName(ctx, i.drug)))),
      source: [...new Set(needWeight.flatMap((i) => i.drug.sources))].join('; '),
    });
  return out;
};
