/**
 * The shape of the knowledge files in `resources/rx/` (see resources/rx/README.md). Strict objects:
 * a misspelt field in safety data must fail loudly, not be silently dropped.
 */
import { z } from 'zod';
import { amountUnits, frequencies, normaliseRoute, routes, type Route } from '../quantity';

/** Data files may write the usual aliases (μg, po, iv); they are normalised here. */
const unitAliases: Readonly<Record<string, string>> = { ug: 'mcg', 'μg': 'mcg', 'µg': 'mcg', iu: 'IU', u: 'IU', units: 'IU' };
const AmountUnit = z.preprocess(
  (v) => (typeof v === 'string' ? (unitAliases[v.toLowerCase()] ?? v) : v),
  z.enum(amountUnits),
);
const RouteSchema = z.preprocess(
  (v) => (typeof v === 'string' ? (normaliseRoute(v) ?? v) : v),
  z.enum(routes),
) as z.ZodType<Route>;

export const AmountSchema = z.strictObject({ value: z.number().positive(), unit: AmountUnit });

/** `perMl`: the volume the amount is dissolved in (125 mg per 5 mL is `{value:125, unit:"mg", perMl:5}`). */
const StrengthSchema = z.strictObject({
  value: z.number().positive(),
  unit: AmountUnit,
  perMl: z.number().positive().optional(),
  note: z.string().optional(),
});

/** ICD-10 code or prefix: a letter, then digits, optionally a dot and more characters ("C", "M05", "E11.9"). */
export const icd10Prefix = z.string().regex(/^[A-Z](\d{1,2}(\.[0-9A-Z]{1,4})?)?$/, 'expected an ICD-10 code or prefix like "M05"');

const DoseRuleSchema = z.strictObject({
  indications: z.array(icd10Prefix).min(1).nullable(),
  usualSingle: AmountSchema.nullable(),
  maxSingle: AmountSchema.nullable(),
  maxDaily: AmountSchema.nullable(),
  maxWeekly: AmountSchema.nullable(),
  /** The most one course may deliver in total, where the label states one (azithromycin 1.5 g). */
  maxCourse: AmountSchema.optional(),
  usualFrequency: z.enum(frequencies).nullable(),
  note: z.string().optional(),
});

const FormSchema = z.strictObject({
  form: z.string().min(1),
  release: z.enum(['immediate', 'extended']),
  strengths: z.array(StrengthSchema).min(1),
  routes: z.array(RouteSchema).min(1),
  doses: z.array(DoseRuleSchema),
  note: z.string().optional(),
});

/**
 * One age band of a label's pediatric dosing: from `fromYears` (inclusive) to `toYears` (exclusive;
 * absent = up to adult dosing). Ages in years, fractions allowed (1 month = 1/12).
 */
const PediatricBandSchema = z
  .strictObject({
    fromYears: z.number().nonnegative(),
    toYears: z.number().positive().optional(),
    maxMgPerKgPerDose: z.number().positive().optional(),
    maxMgPerKgPerDay: z.number().positive().optional(),
    /** Absolute caps, whatever the weight (e.g. "up to 500 mg per dose"). */
    maxPerDose: AmountSchema.optional(),
    maxPerDay: AmountSchema.optional(),
    note: z.string().optional(),
  })
  .refine((b) => b.toYears === undefined || b.toYears > b.fromYears, { message: 'toYears must be above fromYears', path: ['toYears'] })
  .refine((b) => [b.maxMgPerKgPerDose, b.maxMgPerKgPerDay, b.maxPerDose, b.maxPerDay].some((v) => v !== undefined), 'an age band needs at least one limit');

/** The label's own words, in both languages: they are what the physician reads in the alert. */
const LabelWordsSchema = z.strictObject({ years: z.number().positive(), words: z.string().min(1), wordsZh: z.string().min(1) });

/**
 * A label's pediatric section. `minAge`: contraindicated below (block). `notEstablished`: the label
 * says safety and effectiveness are not established below that age (override with a reason). An
 * object with neither and no band is an error: it would say nothing.
 */
const PediatricSchema = z
  .strictObject({
    minAge: LabelWordsSchema.optional(),
    notEstablished: LabelWordsSchema.optional(),
    bands: z.array(PediatricBandSchema),
    note: z.string().optional(),
  })
  .refine((p) => p.minAge !== undefined || p.notEstablished !== undefined || p.bands.length > 0, 'pediatric needs minAge, notEstablished or an age band')
  .superRefine((p, ctx) => {
    const sorted = [...p.bands].sort((a, b) => a.fromYears - b.fromYears);
    for (let i = 1; i < sorted.length; i++)
      if ((sorted[i - 1]!.toYears ?? Infinity) > sorted[i]!.fromYears)
        ctx.addIssue({ code: 'custom', path: ['bands'], message: `age bands overlap at ${sorted[i]!.fromYears} years` });
  });

/**
 * `caution`: the label asks for care below the threshold without a restriction ("insulin
 * requirements may be reduced; monitor glucose"): shown as info, never asks for a reason.
 */
export const renalActions = ['avoid', 'reduce', 'caution'] as const;
export type RenalAction = (typeof renalActions)[number];

const RenalRuleSchema = z.strictObject({
  eGFRBelow: z.number().positive(),
  action: z.enum(renalActions),
  note: z.string().min(1),
  noteZh: z.string().min(1).optional(),
  /** A "reduce" rule is satisfied (no alert) when the daily dose is at most this. */
  maxDaily: AmountSchema.optional(),
});

export const controlCategories = ['narcotic', 'psychotropic-1', 'psychotropic-2', 'toxic', 'radioactive'] as const;
export type ControlCategory = (typeof controlCategories)[number];

const codeSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lower-case hyphenated code like "insulin-glargine"');

export const DrugSchema = z.strictObject({
  code: codeSchema,
  inn: z.string().min(1),
  nameZh: z.string().min(1),
  pinyinInitials: z.string().regex(/^[a-z0-9]+$/, 'expected lower-case pinyin initials like "aldp"'),
  synonyms: z.array(z.string().min(1)),
  atc: z.string().regex(/^[A-Z]\d{2}[A-Z]{0,2}\d{0,2}$/, 'expected an ATC code like "C08CA01"'),
  therapeuticClass: codeSchema,
  control: z.enum(controlCategories).nullable(),
  antibiotic: z.boolean(),
  forms: z.array(FormSchema).min(1),
  pediatric: PediatricSchema.nullable(),
  pregnancy: z.enum(['contraindicated', 'avoid']).nullable(),
  lactation: z.enum(['contraindicated', 'avoid']).nullable(),
  renal: z.array(RenalRuleSchema),
  /** The label's statement that no renal adjustment is needed (so an empty `renal` is known, not missing). */
  renalUnchanged: z.string().min(1).optional(),
  /**
   * The label's own equivalence between its IU and mass (enoxaparin 100 anti-Xa IU per mg,
   * colecalciferol 40 IU per mcg = 40,000 per mg). Absent: an order in the other dimension is refused.
   */
  iuPerMg: z.strictObject({ value: z.number().positive(), source: z.string().min(1) }).optional(),
  sources: z.array(z.string().min(1)).min(1),
  note: z.string().optional(),
});
export type Drug = z.infer<typeof DrugSchema>;
export type DrugForm = Drug['forms'][number];
export type DoseRule = DrugForm['doses'][number];
export type RenalRule = Drug['renal'][number];
export type Pediatric = NonNullable<Drug['pediatric']>;
export type PediatricBand = Pediatric['bands'][number];

export const FormularyFileSchema = z.strictObject({ drugs: z.array(z.unknown()), note: z.string().optional() });

/** Selects drugs by code, by therapeuticClass, or by ATC prefix (so rules also cover drugs added later). */
export const MatcherSchema = z
  .strictObject({
    drugs: z.array(codeSchema).optional(),
    classes: z.array(codeSchema).optional(),
    atc: z.array(z.string().regex(/^[A-Z](\d{2}([A-Z]{1,2}(\d{2})?)?)?$/, 'expected an ATC prefix like "C09A"')).optional(),
    exceptDrugs: z.array(codeSchema).optional(),
  })
  .refine((m) => (m.drugs?.length ?? 0) + (m.classes?.length ?? 0) + (m.atc?.length ?? 0) > 0, 'a matcher needs drugs, classes or atc');
export type Matcher = z.infer<typeof MatcherSchema>;

const sources = z.array(z.string().min(1)).min(1);

export const HighAlertFileSchema = z.strictObject({
  note: z.string().optional(),
  entries: z.array(
    z.strictObject({
      id: codeSchema,
      match: MatcherSchema,
      /** Only these routes are high-alert (IV potassium chloride, oral methotrexate); absent = any. */
      routes: z.array(RouteSchema).optional(),
      forms: z.array(z.string().min(1)).optional(),
      tier: z.enum(['A', 'B', 'C']),
      categoryZh: z.string().min(1),
      categoryEn: z.string().min(1),
      sources,
    }),
  ),
});
export type HighAlertEntry = z.infer<typeof HighAlertFileSchema>['entries'][number];

export const interactionSeverities = ['contraindicated', 'major', 'moderate'] as const;
export type InteractionSeverity = (typeof interactionSeverities)[number];

export const InteractionFileSchema = z.strictObject({
  note: z.string().optional(),
  rules: z.array(
    z.strictObject({
      id: codeSchema,
      a: MatcherSchema,
      b: MatcherSchema,
      severity: z.enum(interactionSeverities),
      mechanism: z.string().min(1),
      mechanismZh: z.string().min(1),
      sources,
    }),
  ),
});
export type InteractionRule = z.infer<typeof InteractionFileSchema>['rules'][number];

export const AllergyClassFileSchema = z.strictObject({
  note: z.string().optional(),
  classes: z.array(
    z.strictObject({
      id: codeSchema,
      nameZh: z.string().min(1),
      nameEn: z.string().min(1),
      /** What a clinician may type: matched case-insensitively, singular or plural. */
      names: z.array(z.string().min(1)).min(1),
      members: MatcherSchema,
      crossReactive: z.array(z.strictObject({ class: codeSchema, note: z.string().min(1), noteZh: z.string().min(1) })),
      sources,
    }),
  ),
});
export type AllergyClass = z.infer<typeof AllergyClassFileSchema>['classes'][number];

export const ChronicConditionFileSchema = z.strictObject({
  note: z.string().optional(),
  sources,
  conditions: z.array(
    z.strictObject({
      id: codeSchema,
      nameZh: z.string().min(1),
      nameEn: z.string().min(1),
      icd10: z.array(z.string().regex(/^[A-Z]\d{2}$/, 'expected a 3-character ICD-10 category like "I10"')).min(1),
    }),
  ),
});
export type ChronicCondition = z.infer<typeof ChronicConditionFileSchema>['conditions'][number];

export const FirstVisitPilotFileSchema = z.strictObject({
  note: z.string().optional(),
  departments: z.array(z.string().min(1)),
});

/** Display names of therapeuticClass ids (optional: an id without one is shown as the id). */
export const TherapeuticClassFileSchema = z.strictObject({
  note: z.string().optional(),
  classes: z.record(codeSchema, z.strictObject({ zh: z.string().min(1), en: z.string().min(1) })),
});

// ---- Special populations: elderly (Beers), hepatic impairment, pregnancy/lactation supplement ----
// Kept in files of their own (resources/rx/elderly.json, hepatic.json, pregnancy-lactation.json)
// so that the drug records stay the single home of what every label says for every patient.

/** How far an elderly or hepatic rule goes: a label contraindication blocks, the rest needs a reason or is shown. */
export const populationActions = ['contraindicated', 'avoid', 'reduce', 'caution'] as const;
export type PopulationAction = (typeof populationActions)[number];

export const ElderlyFileSchema = z.strictObject({
  note: z.string().optional(),
  entries: z.array(
    z
      .strictObject({
        id: codeSchema,
        match: MatcherSchema,
        /** Only these routes (Beers: oral first-generation antihistamines, not eye drops); absent = any. */
        routes: z.array(RouteSchema).optional(),
        /** Only this release (Beers: immediate-release nifedipine); checked when every candidate form has it. */
        release: z.enum(['immediate', 'extended']).optional(),
        /** Only when starting the drug: silent while it is among the patient's active medications (Beers: warfarin). */
        newStartOnly: z.literal(true).optional(),
        /** Only orders for more than this many days (Beers: scheduled PPI use beyond 8 weeks). */
        longerThanDays: z.number().int().positive().optional(),
        /** Age from which the rule applies; Beers criteria are for adults 65 and older. */
        minAgeYears: z.number().int().min(60).max(100),
        action: z.enum(populationActions),
        /** Only in these conditions (Beers table 3, drug-disease): ICD-10 prefixes of the patient's diagnoses. */
        conditions: z.array(icd10Prefix).min(1).optional(),
        /** Only when the item treats one of these (alpha-1 blockers for hypertension, not for prostatic hyperplasia). */
        indications: z.array(icd10Prefix).min(1).optional(),
        /** Not for these indications of the item (metoclopramide for gastroparesis). */
        exceptIndications: z.array(icd10Prefix).min(1).optional(),
        /** Within these the rule is silent (digoxin up to 0.125 mg a day, zolpidem 5 mg a dose). */
        maxSingle: AmountSchema.optional(),
        maxDaily: AmountSchema.optional(),
        note: z.string().min(1),
        noteZh: z.string().min(1),
        sources,
      })
      .refine((e) => e.action !== 'reduce' || e.maxSingle !== undefined || e.maxDaily !== undefined, 'a "reduce" entry needs maxSingle or maxDaily'),
  ),
  /**
   * Drugs whose label states that no dose adjustment is needed for age (its geriatric section, quoted
   * in `words`): they raise nothing and count as covered. A Beers entry for the same drug still applies.
   */
  noAdjustment: z.array(z.strictObject({ code: codeSchema, words: z.string().min(1), sources })).optional(),
});
export type ElderlyEntry = z.infer<typeof ElderlyFileSchema>['entries'][number];

export const childPughClasses = ['A', 'B', 'C'] as const;
export type ChildPughClass = (typeof childPughClasses)[number];

/** A "reduce" rule with `maxDaily` is met by a dose within it; without one it always asks for a reason. */
const HepaticRuleSchema = z.strictObject({
  /** The Child-Pugh classes the label's statement is about. */
  childPugh: z.array(z.enum(childPughClasses)).min(1),
  action: z.enum(populationActions),
  maxDaily: AmountSchema.optional(),
  note: z.string().min(1),
  noteZh: z.string().min(1),
});

/**
 * `noAdjustment`: the label's words that no dose adjustment is needed in hepatic impairment (with
 * `rules: []`): it raises nothing, and the drug counts as covered. A drug has rules or those words.
 */
export const HepaticFileSchema = z.strictObject({
  note: z.string().optional(),
  drugs: z.array(
    z
      .strictObject({ code: codeSchema, rules: z.array(HepaticRuleSchema), noAdjustment: z.string().min(1).optional(), sources })
      .refine((e) => (e.rules.length > 0) !== (e.noAdjustment !== undefined), 'a drug needs rules, or rules: [] with noAdjustment (the label\'s words)'),
  ),
});
export type HepaticRule = z.infer<typeof HepaticRuleSchema>;
export type HepaticEntry = z.infer<typeof HepaticFileSchema>['drugs'][number];

/**
 * Pregnancy and lactation facts for drugs whose record leaves them null. `none`: the label sets no
 * contraindication or avoidance (still cited, so the drug counts as covered); it raises nothing.
 */
const PregnancyLevel = z.enum(['contraindicated', 'avoid', 'none']);
export const PregnancyLactationFileSchema = z.strictObject({
  note: z.string().optional(),
  drugs: z.array(
    z
      .strictObject({ code: codeSchema, pregnancy: PregnancyLevel.optional(), lactation: PregnancyLevel.optional(), sources })
      .refine((e) => e.pregnancy !== undefined || e.lactation !== undefined, 'an entry needs pregnancy or lactation'),
  ),
});
export type PregnancyLactationEntry = z.infer<typeof PregnancyLactationFileSchema>['drugs'][number];
