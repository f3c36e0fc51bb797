/**
 * ELDERLY: the AGS Beers Criteria (2023) and the labels' geriatric limits, from resources/rx/elderly.json.
 * Age comes from the patient's birth date. An entry with a dose limit (digoxin above 0.125 mg a day,
 * zolpidem above 5 mg) is silent when the order is within it; a drug-disease entry fires only when
 * the patient has one of its diagnoses; an entry about one use (alpha-1 blockers for hypertension)
 * only for that indication.
 */
import type { Finding } from '../alerts';
import { knownItems, drugName, refKey, type Check } from './context';
import { severityOfAction, withinLimits } from './populationDose';

export const elderlyCheck: Check = (ctx) =>
  knownItems(ctx).flatMap((i): Finding[] => {
    const entries = ctx.knowledge.elderlyByDrug.get(i.drug.code);
    if (!entries) return [];
    return entries.flatMap((e): Finding[] => {
      if (ctx.ageYears < e.minAgeYears) return [];
      if (e.routes && !e.routes.includes(i.item.route)) return [];
      if (e.release && (i.forms.length === 0 || i.forms.some((f) => f.release !== e.release))) return [];
      if (e.newStartOnly && ctx.active.some((d) => d.code === i.drug.code)) return [];
      if (e.longerThanDays !== undefined && i.item.days <= e.longerThanDays) return [];
      if (e.indications && !e.indications.some((p) => i.item.indication.startsWith(p))) return [];
      if (e.exceptIndications?.some((p) => i.item.indication.startsWith(p))) return [];
      const condition = e.conditions ? ctx.patient.diagnoses.find((d) => e.conditions!.some((p) => d.code.startsWith(p))) : undefined;
      if (e.conditions && !condition) return [];
      if ((e.maxSingle || e.maxDaily) && withinLimits(i, e)) return [];
      return [
        {
          code: 'ELDERLY',
          severity: severityOfAction[e.action],
          refs: [i.ref],
          key: `ELDERLY:${refKey(i.ref)}:${e.id}`,
          message: ctx.msg.elderly(drugName(ctx, i.drug), ctx.ageYears, e.action, ctx.msg.lang === 'zh' ? e.noteZh : e.note, condition?.code ?? null),
          source: e.sources.join('; '),
        },
      ];
    });
  });
