/**
 * DUPLICATE_THERAPY: two items of one therapeutic class, or an item of the class of a different
 * active medication. Renewing an active medication is not a duplicate. One alert per class.
 * Review standard: 重复给药 (《医院处方点评管理规范(试行)》).
 */
import type { Finding } from '../alerts';
import type { Drug } from '../knowledge/schema';
import { regulationSources } from '../sources';
import { drugName, joinNames, knownItems, type Check, type KnownItem } from './context';

export const duplicateCheck: Check = (ctx) => {
  const byClass = new Map<string, KnownItem[]>();
  for (const i of knownItems(ctx)) {
    const group = byClass.get(i.drug.therapeuticClass) ?? [];
    group.push(i);
    byClass.set(i.drug.therapeuticClass, group);
  }
  const out: Finding[] = [];
  for (const [cls, group] of byClass) {
    const codes = new Set(group.map((i) => i.drug.code));
    const others: Drug[] = ctx.active.filter((d) => d.therapeuticClass === cls && !codes.has(d.code));
    if (group.length < 2 && others.length === 0) continue;
    const names = group.map((i) => drugName(ctx, i.drug));
    const withActive = group.length < 2;
    const second = withActive ? others.map((d) => drugName(ctx, d)) : names.slice(1);
    out.push({
      code: 'DUPLICATE_THERAPY',
      severity: 'override',
      refs: group.map((i) => i.ref),
      key: `DUPLICATE_THERAPY:${cls}:${[...codes, ...others.map((d) => d.code)].sort().join('+')}`,
      message: ctx.msg.duplicate(names[0]!, joinNames(ctx, second), ctx.knowledge.classNames.get(cls)?.[ctx.msg.lang] ?? cls, withActive),
      source: regulationSources.prescriptionReview,
    });
  }
  return out;
};
