/**
 * The amounts the elderly and hepatic limits are stated in: one dose, and one day of the item's
 * schedule (a weekly or one-off dose counts as that day's amount; a prn item needs its maxPerDay).
 */
import type { PopulationAction } from '../knowledge/schema';
import { scheduleOf, type Amount } from '../quantity';
import type { Severity } from '../alerts';
import { amountIn } from './dose';
import type { KnownItem } from './context';

/** The largest reading over the candidate forms, so a limit is judged met only when every form meets it. */
function doseIn(i: KnownItem, limit: Amount): number | null {
  const values = i.forms.map((f) => amountIn(i.drug, f, i.item.dose, limit.unit)).filter((v): v is number => v !== null);
  return values.length ? Math.max(...values) : null;
}

/** True only when every stated limit can be computed and is met; an unreadable dose is not "within". */
export function withinLimits(i: KnownItem, limits: { maxSingle?: Amount | undefined; maxDaily?: Amount | undefined }): boolean {
  const { maxSingle, maxDaily } = limits;
  if (!maxSingle && !maxDaily) return false;
  if (maxSingle) {
    const dose = doseIn(i, maxSingle);
    if (dose === null || dose > maxSingle.value * (1 + 1e-9)) return false;
  }
  if (maxDaily) {
    const s = scheduleOf(i.item.frequency);
    const perDay = s.kind === 'daily' ? s.perDay : s.kind === 'prn' ? (i.item.maxPerDay ?? null) : 1;
    const dose = doseIn(i, maxDaily);
    if (perDay === null || dose === null || dose * perDay > maxDaily.value * (1 + 1e-9)) return false;
  }
  return true;
}

export const actionRank: Readonly<Record<PopulationAction, number>> = { contraindicated: 0, avoid: 1, reduce: 2, caution: 3 };

/** A label contraindication blocks; avoid and reduce need a recorded reason; caution is shown. */
export const severityOfAction: Readonly<Record<PopulationAction, Severity>> = { contraindicated: 'block', avoid: 'override', reduce: 'override', caution: 'info' };
