/**
 * INTERACTION: between two items of the visit, or an item and an active medication; one alert per
 * drug pair, with the most severe matching rule. Pairs of active medications alone are not raised
 * again (issue 4): they were accepted when prescribed.
 */
import type { Severity } from '../alerts';
import type { RxKnowledge } from '../knowledge/compile';
import type { Drug, InteractionRule, InteractionSeverity } from '../knowledge/schema';
import type { ItemRef } from '../resolve';
import { drugName, knownItems, type Check } from './context';

const severityOf: Readonly<Record<InteractionSeverity, Severity>> = { contraindicated: 'block', major: 'override', moderate: 'info' };
const rank: Readonly<Record<InteractionSeverity, number>> = { contraindicated: 0, major: 1, moderate: 2 };

/** The most severe rule between two drugs, whichever side each is on. */
export function interactionBetween(knowledge: RxKnowledge, x: Drug, y: Drug): InteractionRule | null {
  const sx = knowledge.interactionSides.get(x.code);
  const sy = knowledge.interactionSides.get(y.code);
  if (!sx || !sy) return null;
  let best: InteractionRule | null = null;
  const consider = (i: number): void => {
    const rule = knowledge.interactions[i]!;
    if (best === null || rank[rule.severity] < rank[best.severity]) best = rule;
  };
  for (const i of sx.a) if (sy.b.has(i)) consider(i);
  for (const i of sx.b) if (sy.a.has(i)) consider(i);
  return best;
}

interface Pair {
  first: Drug;
  second: Drug;
  rule: InteractionRule;
  refs: ItemRef[];
  /** Only item-vs-active pairs found: the message names the second drug as an active medication. */
  withActiveOnly: boolean;
}

export const interactionCheck: Check = (ctx) => {
  const items = knownItems(ctx);
  const pairs = new Map<string, Pair>();
  const note = (first: Drug, second: Drug, refs: ItemRef[], withActive: boolean): void => {
    if (first.code === second.code) return; // a renewal, or the same drug twice (DUPLICATE_THERAPY)
    const key = [first.code, second.code].sort().join('+');
    const existing = pairs.get(key);
    if (existing) {
      for (const r of refs) if (!existing.refs.some((e) => e.prescription === r.prescription && e.item === r.item)) existing.refs.push(r);
      existing.withActiveOnly &&= withActive;
      return;
    }
    const rule = interactionBetween(ctx.knowledge, first, second);
    if (rule) pairs.set(key, { first, second, rule, refs: [...refs], withActiveOnly: withActive });
  };
  for (let a = 0; a < items.length; a++) {
    for (let b = a + 1; b < items.length; b++) note(items[a]!.drug, items[b]!.drug, [items[a]!.ref, items[b]!.ref], false);
    for (const active of ctx.active) note(items[a]!.drug, active, [items[a]!.ref], true);
  }
  return [...pairs.entries()].map(([key, p]) => ({
    code: 'INTERACTION',
    severity: severityOf[p.rule.severity],
    refs: p.refs.sort((x, y) => x.prescription - y.prescription || x.item - y.item),
    key: `INTERACTION:${key}`,
    message: ctx.msg.interaction(
      drugName(ctx, p.first),
      drugName(ctx, p.second),
      p.rule.severity,
      ctx.msg.lang === 'zh' ? p.rule.mechanismZh : p.rule.mechanism,
      p.withActiveOnly,
    ),
    source: p.rule.sources.join('; '),
  }));
};
