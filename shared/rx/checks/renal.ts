/**
 * RENAL: eGFR below a drug's threshold (label / national formulary renal dosing). A "reduce" rule
 * with a `maxDaily` is met by a reduced dose and stays silent; a "caution" rule is shown as info.
 * Missing eGFR with a drug that has avoid/reduce rules is info: the check could not be done (a
 * caution alone does not make the missing value worth an alert).
 */
import type { Finding } from '../alerts';
import type { RenalAction, RenalRule } from '../knowledge/schema';
import { scheduleOf } from '../quantity';
import { amountIn } from './dose';
import { drugName, joinNames, knownItems, refKey, sourcesOf, type Check, type KnownItem } from './context';

function dailyAmount(i: KnownItem, rule: RenalRule): number | null {
  if (!rule.maxDaily) return null;
  const s = scheduleOf(i.item.frequency);
  const perDay = s.kind === 'daily' ? s.perDay : s.kind === 'prn' ? (i.item.maxPerDay ?? null) : 1;
  if (perDay === null) return null;
  const values = i.forms.map((f) => amountIn(i.drug, f, i.item.dose, rule.maxDaily!.unit)).filter((v): v is number => v !== null);
  return values.length ? Math.max(...values) * perDay : null;
}

/** The strictest rule first: avoid, then reduce, then caution. */
const rank: Readonly<Record<RenalAction, number>> = { avoid: 0, reduce: 1, caution: 2 };

export const renalCheck: Check = (ctx) => {
  const items = knownItems(ctx).filter((i) => i.drug.renal.length > 0);
  const eGFR = ctx.patient.eGFR;
  if (items.length === 0) return [];
  if (eGFR === undefined) {
    const dosed = items.filter((i) => i.drug.renal.some((r) => r.action !== 'caution'));
    if (dosed.length === 0) return [];
    return [
      {
        code: 'RENAL',
        severity: 'info',
        refs: dosed.map((i) => i.ref),
        key: 'RENAL:egfr-missing',
        message: ctx.msg.renalMissing(joinNames(ctx, dosed.map((i) => drugName(ctx, i.drug)))),
        source: [...new Set(dosed.flatMap((i) => i.drug.sources))].join('; '),
      },
    ];
  }
  return items.flatMap((i): Finding[] => {
    // The strictest rule that applies: by action, then the lowest threshold.
    const rule = i.drug.renal.filter((r) => eGFR < r.eGFRBelow).sort((a, b) => rank[a.action] - rank[b.action] || a.eGFRBelow - b.eGFRBelow)[0];
    if (!rule) return [];
    if (rule.action === 'reduce' && rule.maxDaily) {
      const daily = dailyAmount(i, rule);
      if (daily !== null && daily <= rule.maxDaily.value * (1 + 1e-9)) return [];
    }
    return [
      {
        code: 'RENAL',
        severity: rule.action === 'caution' ? 'info' : 'override',
        refs: [i.ref],
        key: `RENAL:${refKey(i.ref)}`,
        message: ctx.msg.renal(drugName(ctx, i.drug), eGFR, rule.eGFRBelow, rule.action, ctx.msg.lang === 'zh' ? (rule.noteZh ?? rule.note) : rule.note),
        source: sourcesOf(i.drug),
      },
    ];
  });
};
