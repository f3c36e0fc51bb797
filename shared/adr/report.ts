import { z } from 'zod';

/**
 * A suspected adverse drug reaction report (issue 13), in the terms of 《药品不良反应报告和监测管理办法》
 * (2011, 卫生部令第81号) and its form 《药品不良反应/事件报告表》 (附表1). The same rules run on the
 * workstation before anything is written and on the server before anything is kept.
 *
 * - 第六十三条(四): a *new* reaction is one the drug's label does not state; the form's report type
 *   is 新的 / 严重 / 一般 from `novelty` and `serious`.
 * - 第六十三条(三): a *serious* reaction is one that caused any of `seriousCriteria` (death; a threat
 *   to life; cancer, birth defects or malformation; marked or permanent disability or organ damage;
 *   hospital admission or a longer stay; another important medical event that would lead to one
 *   of these without treatment).
 * - The form's outcome list (不良反应/事件的结果): 痊愈, 好转, 未好转, 不详, 有后遗症 (with its
 *   manifestation), 死亡 (with the direct cause).
 * - Each drug is 怀疑 (suspected) or 并用 (concomitant), with its dose, route, frequency, dates and
 *   reason for use, as the form's drug table asks.
 * `severity` is the reporter's clinical grade (mild / moderate / severe), apart from seriousness:
 * a severe rash may not be serious, and the form asks about seriousness only.
 */
export const seriousCriteria = ['death', 'life-threatening', 'cancer-birth-defect', 'disability', 'hospitalisation', 'other-important'] as const;
export const SeriousCriterion = z.enum(seriousCriteria);
export type SeriousCriterion = z.infer<typeof SeriousCriterion>;

export const adrSeverities = ['mild', 'moderate', 'severe'] as const;
export const adrOutcomes = ['recovered', 'improving', 'not-recovered', 'sequelae', 'death', 'unknown'] as const;
export const adrNovelties = ['new', 'known'] as const;
export const adrDrugRoles = ['suspected', 'concomitant'] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const optionalText = (max: number) => z.string().trim().max(max);

export const AdrDrug = z
  .object({
    role: z.enum(adrDrugRoles),
    /** The formulary code when the drug came from a prescription or the formulary; null when typed. */
    drugCode: z.string().trim().min(1).max(80).nullable(),
    name: z.string().trim().min(1, 'name the drug').max(120),
    dose: optionalText(60),
    route: optionalText(30),
    frequency: optionalText(30),
    startedOn: isoDate.nullable(),
    stoppedOn: isoDate.nullable(),
    /** 用药原因: what the drug was taken for. */
    indication: optionalText(200),
    /** The prescription it was taken from, when it was one of this patient's. */
    prescriptionId: z.string().min(1).max(64).nullable(),
  })
  .strict();
export type AdrDrug = z.infer<typeof AdrDrug>;

/** What the reporter states; the id, patient, reporter and dates around it are the record's. */
export const AdrReportFields = z
  .object({
    drugs: z.array(AdrDrug).min(1, 'name at least one drug').max(10),
    /** 不良反应/事件过程描述及处理情况: symptoms, signs, tests, and what was done. */
    reaction: z.string().trim().min(1, 'describe the reaction').max(2000),
    /** 不良反应/事件名称: a short name of the reaction, in the reporter's words (no coding dictionary). */
    term: z.string().trim().min(1).max(80).nullable(),
    onsetOn: isoDate,
    severity: z.enum(adrSeverities),
    outcome: z.enum(adrOutcomes),
    /** The manifestation of sequelae or the direct cause of death, as the form asks; '' otherwise. */
    outcomeDetail: optionalText(200),
    novelty: z.enum(adrNovelties),
    serious: z.boolean(),
    seriousCriteria: z.array(SeriousCriterion).max(seriousCriteria.length),
  })
  .strict();
export type AdrReportFields = z.infer<typeof AdrReportFields>;

/** The rules a well-formed report must also keep (shared/adr/errors.ts names each one). */
export const adrRuleCodes = [
  /** No drug is marked suspected: a report names the drug it suspects (报告表 怀疑药品). */
  'ADR_NO_SUSPECTED_DRUG',
  /** Marked serious without a criterion of 第六十三条(三), or a criterion given for one not serious. */
  'ADR_SERIOUS_CRITERIA_MISMATCH',
  /** The outcome is death but the report is not serious with the criterion death. */
  'ADR_DEATH_NOT_SERIOUS',
  /** The same criterion twice. */
  'ADR_CRITERIA_REPEATED',
  /** The reaction began after the day of the report. */
  'ADR_ONSET_AFTER_REPORT',
  /** A drug stopped before it was started. */
  'ADR_DRUG_DATES_REVERSED',
  /** A suspected drug started after the reaction began cannot have caused it. */
  'ADR_SUSPECT_AFTER_ONSET',
] as const;
export type AdrRuleCode = (typeof adrRuleCodes)[number];

/** The first rule the report breaks, or null; `reportedOn` is the day it is (or was) recorded. */
export function adrRuleBroken(fields: AdrReportFields, reportedOn: string): AdrRuleCode | null {
  if (!fields.drugs.some((d) => d.role === 'suspected')) return 'ADR_NO_SUSPECTED_DRUG';
  if (fields.serious !== fields.seriousCriteria.length > 0) return 'ADR_SERIOUS_CRITERIA_MISMATCH';
  if (fields.outcome === 'death' && !fields.seriousCriteria.includes('death')) return 'ADR_DEATH_NOT_SERIOUS';
  if (new Set(fields.seriousCriteria).size !== fields.seriousCriteria.length) return 'ADR_CRITERIA_REPEATED';
  if (fields.onsetOn > reportedOn) return 'ADR_ONSET_AFTER_REPORT';
  for (const drug of fields.drugs) {
    if (drug.startedOn && drug.stoppedOn && drug.stoppedOn < drug.startedOn) return 'ADR_DRUG_DATES_REVERSED';
    if (drug.role === 'suspected' && drug.startedOn && drug.startedOn > fields.onsetOn) return 'ADR_SUSPECT_AFTER_ONSET';
  }
  return null;
}

/** The form's report type (报告类型): 新的, 严重, or 一般; a new serious one is both. */
export function adrReportType(fields: Pick<AdrReportFields, 'novelty' | 'serious'>): ('new' | 'serious' | 'general')[] {
  const kinds: ('new' | 'serious')[] = [];
  if (fields.novelty === 'new') kinds.push('new');
  if (fields.serious) kinds.push('serious');
  return kinds.length > 0 ? kinds : ['general'];
}
