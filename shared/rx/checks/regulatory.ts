/** Rules of prescribing itself rather than of a drug: GUARDIAN, ITEM_COUNT, NOT_FOLLOW_UP. */
import type { Finding } from '../alerts';
import { regulationSources } from '../sources';
import { isOnline, joinNames, type Check } from './context';

/** 《互联网诊疗管理办法(试行)》: a child under 6 is prescribed for online only with a guardian present. */
export const GUARDIAN_UNDER_YEARS = 6;

export const guardianCheck: Check = (ctx) =>
  isOnline(ctx) && ctx.ageYears < GUARDIAN_UNDER_YEARS && ctx.visit.guardianPresent !== true
    ? [{ code: 'GUARDIAN', severity: 'block', refs: [], key: 'GUARDIAN', message: ctx.msg.guardian(ctx.ageYears), source: regulationSources.internetDiagnosis }]
    : [];

/** 《处方管理办法》第六条: at most 5 drugs on one Western-medicine prescription. */
export const MAX_ITEMS_PER_PRESCRIPTION = 5;

export const itemCountCheck: Check = (ctx) =>
  ctx.prescriptions.flatMap((items, p): Finding[] =>
    items.length > MAX_ITEMS_PER_PRESCRIPTION
      ? [
          {
            code: 'ITEM_COUNT',
            severity: 'block',
            // The items past the 5th: the ones the UI offers to move to a second prescription.
            refs: items.slice(MAX_ITEMS_PER_PRESCRIPTION).map((i) => i.ref),
            key: `ITEM_COUNT:${p}`,
            message: ctx.msg.itemCount(items.length),
            source: regulationSources.prescriptionRules,
          },
        ]
      : [],
  );

/**
 * Online prescribing is for follow-up of a condition first diagnosed in person: each item's
 * indication needs an earlier in-person diagnosis in the same 3-character ICD-10 category. The
 * visit's claimed kind is not trusted; configured pilot departments may see first visits online.
 */
export const notFollowUpCheck: Check = (ctx) => {
  if (!isOnline(ctx)) return [];
  const department = ctx.visit.department?.trim().toLowerCase();
  if (department !== undefined && ctx.knowledge.pilotDepartments.has(department)) return [];
  const known = new Set(
    ctx.patient.diagnoses.filter((d) => d.setting === 'in-person' && d.since <= ctx.date).map((d) => d.code.slice(0, 3)),
  );
  const missing = new Map<string, typeof ctx.items[number][]>();
  for (const i of ctx.items) {
    const category = i.item.indication.slice(0, 3);
    if (known.has(category)) continue;
    missing.set(category, [...(missing.get(category) ?? []), i]);
  }
  return [...missing.entries()].map(([category, items]) => ({
    code: 'NOT_FOLLOW_UP',
    severity: 'block',
    refs: items.map((i) => i.ref),
    key: `NOT_FOLLOW_UP:${category}`,
    message: ctx.msg.notFollowUp(category, joinNames(ctx, items.map((i) => (i.drug ? (ctx.msg.lang === 'zh' ? i.drug.nameZh : i.drug.inn) : i.item.drug)))),
    source: regulationSources.internetDiagnosis,
  }));
};
