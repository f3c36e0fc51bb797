/**
 * PEDIATRIC_DOSE: a child's order against the label's pediatric section. "Child" means under 14,
 * the age range of Chinese pediatric services (儿科 0–14岁); adolescents from 14 are checked against
 * adult limits. Below a contraindicated age: block, in the label's words. Below the age the label
 * calls "not established": override with a reason. Otherwise the age band of the child's exact age
 * gives mg/kg per dose and per day, and absolute per-dose and per-day caps.
 */
import type { Finding } from '../alerts';
import type { PediatricBand } from '../knowledge/schema';
import { formatAmount, scheduleOf, type AmountUnit } from '../quantity';
import { amountIn } from './dose';
import { drugName, joinNames, knownItems, refKey, sourcesOf, type Check, type CheckContext, type KnownItem } from './context';

export const CHILD_UNDER_YEARS = 14;

/** Age in years with the months as a fraction (1 month = 1/12), so "from 6 months" is 0.5. */
export function exactAgeYears(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const months = (y - by) * 12 + (m - bm) - (d < bd ? 1 : 0);
  return months / 12;
}

export function bandAt(bands: readonly PediatricBand[], age: number): PediatricBand | null {
  return bands.find((b) => age >= b.fromYears && age < (b.toYears ?? Infinity)) ?? null;
}

/** The smallest amount one dose can be in `unit`, across the candidate forms; null if not convertible. */
function doseIn(i: KnownItem, unit: AmountUnit): number | null {
  const values = i.forms.map((f) => amountIn(i.drug, f, i.item.dose, unit)).filter((v): v is number => v !== null);
  return values.length ? Math.min(...values) : null;
}

function dosesPerDay(i: KnownItem): number | null {
  const s = scheduleOf(i.item.frequency);
  return s.kind === 'daily' ? s.perDay : s.kind === 'prn' ? (i.item.maxPerDay ?? null) : 1;
}

const round2 = (v: number): number => Math.round(v * 100) / 100;
const over = (value: number, limit: number): boolean => value > limit * (1 + 1e-9);

/** The first limit of the band the order exceeds, as a message; null when within all of them. */
function bandExcess(ctx: CheckContext, i: KnownItem, band: PediatricBand, weightKg: number | undefined): string | null {
  const name = drugName(ctx, i.drug);
  const ages = ctx.msg.ageBand(band.fromYears, band.toYears);
  const perDay = dosesPerDay(i);
  if (band.maxPerDose) {
    const dose = doseIn(i, band.maxPerDose.unit);
    if (dose !== null && over(dose, band.maxPerDose.value))
      return ctx.msg.pediatricCapDose(name, formatAmount(dose, band.maxPerDose.unit), formatAmount(band.maxPerDose.value, band.maxPerDose.unit), ages);
  }
  if (band.maxPerDay && perDay !== null) {
    const dose = doseIn(i, band.maxPerDay.unit);
    if (dose !== null && over(dose * perDay, band.maxPerDay.value))
      return ctx.msg.pediatricCapDay(name, formatAmount(dose * perDay, band.maxPerDay.unit), formatAmount(band.maxPerDay.value, band.maxPerDay.unit), ages);
  }
  const mg = weightKg === undefined ? null : doseIn(i, 'mg');
  if (mg === null || weightKg === undefined) return null;
  const perDose = mg / weightKg;
  if (band.maxMgPerKgPerDose !== undefined && over(perDose, band.maxMgPerKgPerDose))
    return ctx.msg.pediatricPerDose(name, round2(perDose), band.maxMgPerKgPerDose, ages);
  if (band.maxMgPerKgPerDay !== undefined && perDay !== null && over(perDose * perDay, band.maxMgPerKgPerDay))
    return ctx.msg.pediatricPerDay(name, round2(perDose * perDay), band.maxMgPerKgPerDay, ages);
  return null;
}

export const pediatricCheck: Check = (ctx) => {
  if (ctx.ageYears >= CHILD_UNDER_YEARS) return [];
  const age = exactAgeYears(ctx.patient.birthDate, ctx.date);
  const weight = ctx.patient.weightKg;
  const out: Finding[] = [];
  const needWeight: KnownItem[] = [];
  for (const i of knownItems(ctx)) {
    const p = i.drug.pediatric;
    if (p === null) continue;
    const name = drugName(ctx, i.drug);
    const zh = ctx.msg.lang === 'zh';
    const base = { code: 'PEDIATRIC_DOSE' as const, refs: [i.ref], source: sourcesOf(i.drug) };
    if (p.minAge && age < p.minAge.years) {
      out.push({ ...base, severity: 'block', key: `PEDIATRIC_DOSE:min-age:${refKey(i.ref)}`, message: ctx.msg.pediatricMinAge(name, p.minAge.years, zh ? p.minAge.wordsZh : p.minAge.words) });
      continue;
    }
    if (p.notEstablished && age < p.notEstablished.years) {
      out.push({
        ...base,
        severity: 'override',
        key: `PEDIATRIC_DOSE:not-established:${refKey(i.ref)}`,
        message: ctx.msg.pediatricNotEstablished(name, p.notEstablished.years, zh ? p.notEstablished.wordsZh : p.notEstablished.words),
      });
      continue;
    }
    const band = bandAt(p.bands, age);
    if (!band) continue;
    if (weight === undefined && (band.maxMgPerKgPerDose !== undefined || band.maxMgPerKgPerDay !== undefined)) needWeight.push(i);
    const excess = bandExcess(ctx, i, band, weight);
    if (excess) out.push({ ...base, severity: 'override', key: `PEDIATRIC_DOSE:${refKey(i.ref)}`, message: excess });
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
