/**
 * HEPATIC: the label's Child-Pugh guidance (resources/rx/hepatic.json) against the patient's liver.
 *
 * What the record tells: a Child-Pugh class when one was assessed (`patient.childPugh`), otherwise
 * only diagnoses. We read hepatic failure (K72, K70.4 alcoholic, K71.1 toxic with necrosis, K76.7
 * hepatorenal) as class C, the class the labels' "severe impairment" statements are about. Cirrhosis
 * or its consequence (K70.3, K71.7, K74.3-K74.6, K76.6 portal hypertension) says the liver is
 * impaired but not how much, so we do not pick a class: the physician sees every class the label
 * restricts and gives a reason. Hepatitis, fatty liver or fibrosis alone do not mean impaired
 * function and raise nothing.
 */
import type { Finding } from '../alerts';
import type { RxPatient } from '../input';
import type { ChildPughClass, HepaticRule } from '../knowledge/schema';
import { drugName, knownItems, refKey, type Check } from './context';
import { actionRank, severityOfAction, withinLimits } from './populationDose';

const failure = ['K72', 'K70.4', 'K71.1', 'K76.7'];
const cirrhosis = ['K70.3', 'K71.7', 'K74.3', 'K74.4', 'K74.5', 'K74.6', 'K76.6'];

export type HepaticStatus = { childPugh: ChildPughClass | null; basis: string };

/** null: nothing in the record says the liver is impaired. */
export function hepaticStatusOf(patient: RxPatient): HepaticStatus | null {
  if (patient.childPugh) return { childPugh: patient.childPugh, basis: `Child-Pugh ${patient.childPugh}` };
  const codes = patient.diagnoses.map((d) => d.code);
  const failed = codes.find((c) => failure.some((p) => c.startsWith(p)));
  if (failed) return { childPugh: 'C', basis: failed };
  const cirrhotic = codes.find((c) => cirrhosis.some((p) => c.startsWith(p)));
  return cirrhotic ? { childPugh: null, basis: cirrhotic } : null;
}

const strictest = (rules: readonly HepaticRule[]): HepaticRule | undefined => [...rules].sort((a, b) => actionRank[a.action] - actionRank[b.action])[0];

export const hepaticCheck: Check = (ctx) => {
  const status = hepaticStatusOf(ctx.patient);
  if (!status) return [];
  const zh = ctx.msg.lang === 'zh';
  return knownItems(ctx).flatMap((i): Finding[] => {
    const entry = ctx.knowledge.hepaticByDrug.get(i.drug.code);
    // A label that needs no adjustment in hepatic impairment (rules: [] with noAdjustment) raises nothing.
    if (!entry || entry.rules.length === 0) return [];
    const base = { code: 'HEPATIC' as const, refs: [i.ref], key: `HEPATIC:${refKey(i.ref)}`, source: entry.sources.join('; ') };
    const name = drugName(ctx, i.drug);
    if (status.childPugh === null) {
      const restricting = entry.rules.filter((r) => r.action !== 'caution');
      const shown = restricting.length ? restricting : entry.rules;
      const guidance = shown.map((r) => ctx.msg.hepaticGuidance(r.childPugh.join('/'), r.action, zh ? r.noteZh : r.note)).join(zh ? '；' : '; ');
      return [{ ...base, severity: restricting.length ? 'override' : 'info', message: ctx.msg.hepaticClassUnknown(name, status.basis, guidance) }];
    }
    const rule = strictest(entry.rules.filter((r) => r.childPugh.includes(status.childPugh!)));
    if (!rule) return [];
    if (rule.action === 'reduce' && rule.maxDaily && withinLimits(i, { maxDaily: rule.maxDaily })) return [];
    return [{ ...base, severity: severityOfAction[rule.action], message: ctx.msg.hepatic(name, status.childPugh, status.basis, rule.action, zh ? rule.noteZh : rule.note) }];
  });
};
