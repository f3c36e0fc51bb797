/** Checks that read one fact of one drug: UNKNOWN_DRUG, HIGH_ALERT, CONTROLLED, PREGNANCY. */
import type { Finding } from '../alerts';
import { regulationSources } from '../sources';
import type { Drug } from '../knowledge/schema';
import { drugName, isOnline, knownItems, refKey, sourcesOf, type Check, type CheckContext } from './context';

/**
 * Not in the formulary (nothing else can be checked), or withdrawn from this hospital's formulary
 * (still checked against everything else): either way it cannot be signed here.
 */
export const unknownDrugCheck: Check = (ctx) =>
  ctx.items.flatMap((i): Finding[] => {
    const withdrawnReason = i.drug && ctx.knowledge.withdrawn.get(i.drug.code);
    if (i.drug !== null && withdrawnReason === undefined) return [];
    return [{
      code: 'UNKNOWN_DRUG',
      severity: 'block',
      refs: [i.ref],
      key: `UNKNOWN_DRUG:${refKey(i.ref)}`,
      message: i.drug ? ctx.msg.withdrawnDrug(drugName(ctx, i.drug), withdrawnReason ?? '') : ctx.msg.unknownDrug(i.item.drug),
      source: i.drug ? regulationSources.hospitalFormulary : regulationSources.formulary,
    }];
  });

const tierRank = { A: 0, B: 1, C: 2 } as const;

/**
 * High-alert status can depend on route and form: concentrated IV potassium chloride is, oral
 * potassium is not (CPA 2019 list, "浓氯化钾注射液"); oral methotrexate is (ISMP, CPA).
 */
export const highAlertCheck: Check = (ctx) =>
  knownItems(ctx).flatMap((i): Finding[] => {
    const entries = (ctx.knowledge.highAlertByDrug.get(i.drug.code) ?? []).filter(
      (e) =>
        (e.routes === undefined || e.routes.includes(i.item.route)) &&
        (e.forms === undefined || i.forms.some((f) => e.forms!.includes(f.form))),
    );
    const entry = [...entries].sort((a, b) => tierRank[a.tier] - tierRank[b.tier])[0];
    if (!entry) return [];
    return [
      {
        code: 'HIGH_ALERT',
        severity: 'info',
        refs: [i.ref],
        key: `HIGH_ALERT:${refKey(i.ref)}:${entry.id}`,
        message: ctx.msg.highAlert(drugName(ctx, i.drug), entry.tier, ctx.msg.lang === 'zh' ? entry.categoryZh : entry.categoryEn),
        source: entry.sources.join('; '),
      },
    ];
  });

/** 《互联网诊疗管理办法(试行)》: no narcotic, psychotropic or other specially controlled drug online. */
export const controlledCheck: Check = (ctx) =>
  isOnline(ctx)
    ? knownItems(ctx).flatMap((i): Finding[] =>
        i.drug.control === null
          ? []
          : [
              {
                code: 'CONTROLLED',
                severity: 'block',
                refs: [i.ref],
                key: `CONTROLLED:${refKey(i.ref)}`,
                message: ctx.msg.controlled(drugName(ctx, i.drug), i.drug.control),
                source: `${regulationSources.internetDiagnosis}; ${regulationSources.controlCatalogues}`,
              },
            ],
      )
    : [];

/** The record's sources, and those of pregnancy-lactation.json where the fact came from there. */
function pregnancySources(ctx: CheckContext, drug: Drug, field: 'pregnancy' | 'lactation'): string {
  const extra = ctx.knowledge.pregnancyLactationSources.get(drug.code);
  return extra?.[field] ? extra.sources.join('; ') : sourcesOf(drug);
}

/** Absolute contraindications block; "avoid" needs a recorded reason (label wording decides which). */
export const pregnancyCheck: Check = (ctx) =>
  knownItems(ctx).flatMap((i): Finding[] => {
    const out: Finding[] = [];
    const name = drugName(ctx, i.drug);
    if (ctx.patient.pregnant && i.drug.pregnancy)
      out.push({
        code: 'PREGNANCY',
        severity: i.drug.pregnancy === 'contraindicated' ? 'block' : 'override',
        refs: [i.ref],
        key: `PREGNANCY:${refKey(i.ref)}:pregnancy`,
        message: ctx.msg.pregnancy(name, i.drug.pregnancy),
        source: pregnancySources(ctx, i.drug, 'pregnancy'),
      });
    if (ctx.patient.lactating && i.drug.lactation)
      out.push({
        code: 'PREGNANCY',
        severity: i.drug.lactation === 'contraindicated' ? 'block' : 'override',
        refs: [i.ref],
        key: `PREGNANCY:${refKey(i.ref)}:lactation`,
        message: ctx.msg.lactation(name, i.drug.lactation),
        source: pregnancySources(ctx, i.drug, 'lactation'),
      });
    return out;
  });
