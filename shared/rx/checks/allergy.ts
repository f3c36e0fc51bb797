/**
 * ALLERGY: an item that is, or shares a class with, or cross-reacts with, a recorded allergen.
 * Allergens are drug names or class names, singular or plural, any case (issue 4). Never silent: a
 * missing allergy record or an allergen we cannot read is an info alert ("check manually").
 */
import type { Finding } from '../alerts';
import { findDrug, normaliseName, type RxKnowledge } from '../knowledge/compile';
import type { AllergyMatch } from '../messages/types';
import { regulationSources } from '../sources';
import { drugName, knownItems, refKey, type Check, type CheckContext } from './context';

type Allergen = { text: string; drugCode: string | null; classes: ReadonlySet<string> };

/** "Penicillins", "penicillin", "Sulfa drugs", "NSAID": try the name as typed, then singular/plural. */
function findAllergyClass(knowledge: RxKnowledge, text: string): string | null {
  const key = normaliseName(text);
  const variants = [key, key.replace(/s$/, ''), key.replace(/es$/, ''), `${key}s`];
  for (const v of variants) {
    const id = knowledge.allergyNames.get(v);
    if (id) return id;
  }
  return null;
}

function readAllergen(knowledge: RxKnowledge, text: string): Allergen | null {
  const drug = findDrug(knowledge, text);
  if (drug) return { text, drugCode: drug.code, classes: knowledge.allergyClassesByDrug.get(drug.code) ?? new Set() };
  const cls = findAllergyClass(knowledge, text);
  return cls ? { text, drugCode: null, classes: new Set([cls]) } : null;
}

function className(ctx: CheckContext, id: string): string {
  const c = ctx.knowledge.allergyClasses.get(id);
  return c ? (ctx.msg.lang === 'zh' ? c.nameZh : c.nameEn) : id;
}

export const allergyCheck: Check = (ctx) => {
  const out: Finding[] = [];
  const recorded = ctx.patient.allergies;
  if (recorded === undefined) {
    out.push({ code: 'ALLERGY', severity: 'info', refs: [], key: 'ALLERGY:not-recorded', message: ctx.msg.allergyNotRecorded(), source: regulationSources.allergyRecord });
    return out;
  }
  const allergens: Allergen[] = [];
  for (const text of recorded) {
    const a = readAllergen(ctx.knowledge, text);
    if (a) allergens.push(a);
    else out.push({ code: 'ALLERGY', severity: 'info', refs: [], key: `ALLERGY:unknown:${normaliseName(text)}`, message: ctx.msg.allergyUnknown(text), source: regulationSources.allergyRecord });
  }
  for (const i of knownItems(ctx)) {
    const itemClasses = ctx.knowledge.allergyClassesByDrug.get(i.drug.code) ?? new Set<string>();
    const matches: AllergyMatch[] = [];
    const sources = new Set<string>();
    for (const a of allergens) {
      if (a.drugCode === i.drug.code) {
        matches.push({ kind: 'drug', allergen: a.text });
        continue;
      }
      const shared = [...a.classes].find((c) => itemClasses.has(c));
      if (shared) {
        matches.push({ kind: 'class', allergen: a.text, className: className(ctx, shared) });
        ctx.knowledge.allergyClasses.get(shared)?.sources.forEach((s) => sources.add(s));
        continue;
      }
      for (const from of a.classes) {
        const cross = ctx.knowledge.allergyClasses.get(from)?.crossReactive.find((x) => itemClasses.has(x.class));
        if (cross) {
          matches.push({
            kind: 'cross',
            allergen: a.text,
            fromClass: className(ctx, from),
            toClass: className(ctx, cross.class),
            note: ctx.msg.lang === 'zh' ? cross.noteZh : cross.note,
          });
          ctx.knowledge.allergyClasses.get(from)?.sources.forEach((s) => sources.add(s));
          break;
        }
      }
    }
    if (matches.length)
      out.push({
        code: 'ALLERGY',
        severity: 'override',
        refs: [i.ref],
        key: `ALLERGY:${refKey(i.ref)}`,
        message: ctx.msg.allergy(drugName(ctx, i.drug), matches),
        source: sources.size ? [...sources].join('; ') : regulationSources.allergyRecord,
      });
  }
  return out;
};
