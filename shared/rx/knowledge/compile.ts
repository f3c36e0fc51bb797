/**
 * Turns the parsed knowledge files into the indexed, read-only `RxKnowledge` the engine reads.
 * Runtime-neutral: the caller reads the files (main from `resources/rx/`, the server from its store,
 * a test from memory) and hands over parsed JSON with the name it came from, for error messages.
 */
import type { z } from 'zod';
import { buildSearchIndex, type SearchIndex } from '../search';
import { compilePopulations, type PopulationFiles, type PopulationKnowledge } from './populations';
import {
  AllergyClassFileSchema,
  ChronicConditionFileSchema,
  DrugSchema,
  FirstVisitPilotFileSchema,
  FormularyFileSchema,
  HighAlertFileSchema,
  InteractionFileSchema,
  TherapeuticClassFileSchema,
  type AllergyClass,
  type ChronicCondition,
  type Drug,
  type HighAlertEntry,
  type InteractionRule,
  type Matcher,
} from './schema';

export interface KnowledgeFile {
  /** Where it came from, e.g. "resources/rx/formulary/core-cardio.json"; only used in errors. */
  file: string;
  data: unknown;
}

export interface KnowledgeFiles extends PopulationFiles {
  formulary: readonly KnowledgeFile[];
  interactions: readonly KnowledgeFile[];
  highAlert: KnowledgeFile;
  allergyClasses: KnowledgeFile;
  chronicConditions: KnowledgeFile;
  firstVisitPilot: KnowledgeFile;
  therapeuticClasses?: KnowledgeFile;
  /** Drug codes the hospital withdrew from its formulary, with its reason (see hospital.ts). */
  withdrawn?: ReadonlyMap<string, string>;
}

export interface RxKnowledge extends PopulationKnowledge {
  drugs: ReadonlyMap<string, Drug>;
  /** Normalised INN, synonym, Chinese name or code -> drug code. */
  names: ReadonlyMap<string, string>;
  highAlertByDrug: ReadonlyMap<string, readonly HighAlertEntry[]>;
  interactions: readonly InteractionRule[];
  /** For each drug code, the rules whose side a / side b it matches (pairs are then set look-ups). */
  interactionSides: ReadonlyMap<string, { a: ReadonlySet<number>; b: ReadonlySet<number> }>;
  allergyClasses: ReadonlyMap<string, AllergyClass>;
  /** Normalised class name (as typed in an allergy list) -> class id. */
  allergyNames: ReadonlyMap<string, string>;
  allergyClassesByDrug: ReadonlyMap<string, ReadonlySet<string>>;
  /** 3-character ICD-10 category -> chronic condition eligible for long prescriptions. */
  chronicCategories: ReadonlyMap<string, ChronicCondition>;
  /** Lower-cased department names piloting online first visits. */
  pilotDepartments: ReadonlySet<string>;
  /** therapeuticClass id -> display names. */
  classNames: ReadonlyMap<string, { zh: string; en: string }>;
  /** Known but not prescribable here: withdrawn by the hospital (code -> its reason). */
  withdrawn: ReadonlyMap<string, string>;
  /** Prescribable drugs only. */
  search: SearchIndex;
}

export class KnowledgeError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid prescription knowledge (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  ${problems.slice(0, 20).join('\n  ')}`);
    this.name = 'KnowledgeError';
  }
}

/** "Amoxicillin/Clavulanate", "amoxicillin clavulanate" and "amoxicillin-clavulanate" are one name. */
export function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_/+,-]+/g, ' ');
}

function issuesOf(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
}

function parseFile<S extends z.ZodType>(schema: S, f: KnowledgeFile, problems: string[]): z.infer<S> | null {
  const r = schema.safeParse(f.data);
  if (r.success) return r.data;
  for (const issue of issuesOf(r.error)) problems.push(`${f.file}: ${issue}`);
  return null;
}

export function matches(m: Matcher, drug: Drug): boolean {
  if (m.exceptDrugs?.includes(drug.code)) return false;
  return (
    (m.drugs?.includes(drug.code) ?? false) ||
    (m.classes?.includes(drug.therapeuticClass) ?? false) ||
    (m.atc?.some((prefix) => drug.atc.startsWith(prefix)) ?? false)
  );
}

function loadDrugs(files: readonly KnowledgeFile[], problems: string[]): Map<string, Drug> {
  const drugs = new Map<string, Drug>();
  const seenIn = new Map<string, string>();
  for (const f of files) {
    const envelope = parseFile(FormularyFileSchema, f, problems);
    if (!envelope) continue;
    envelope.drugs.forEach((raw, i) => {
      const rawCode = typeof raw === 'object' && raw !== null && 'code' in raw ? String(raw.code) : `#${i}`;
      const r = DrugSchema.safeParse(raw);
      if (!r.success) {
        for (const issue of issuesOf(r.error)) problems.push(`${f.file}: drug ${rawCode}: ${issue}`);
        return;
      }
      const previous = seenIn.get(r.data.code);
      if (previous) {
        problems.push(`${f.file}: drug ${r.data.code}: duplicate code (also in ${previous})`);
        return;
      }
      seenIn.set(r.data.code, f.file);
      drugs.set(r.data.code, r.data);
    });
  }
  return drugs;
}

function indexNames(drugs: ReadonlyMap<string, Drug>, problems: string[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const drug of drugs.values()) {
    for (const name of [drug.code, drug.inn, drug.nameZh, ...drug.synonyms]) {
      const key = normaliseName(name);
      const other = names.get(key);
      // One name must resolve to one drug: an ambiguous name on a prescription is a safety defect.
      if (other !== undefined && other !== drug.code) problems.push(`drug ${drug.code}: name "${name}" is also a name of ${other}`);
      else names.set(key, drug.code);
    }
  }
  return names;
}

function checkReferences(where: string, m: Matcher, drugs: ReadonlyMap<string, Drug>, classes: ReadonlySet<string>, problems: string[]): void {
  for (const code of [...(m.drugs ?? []), ...(m.exceptDrugs ?? [])])
    if (!drugs.has(code)) problems.push(`${where}: unknown drug code "${code}"`);
  for (const c of m.classes ?? []) if (!classes.has(c)) problems.push(`${where}: no drug has therapeuticClass "${c}"`);
}

export function compileKnowledge(files: KnowledgeFiles): RxKnowledge {
  const problems: string[] = [];
  const drugs = loadDrugs(files.formulary, problems);
  const names = indexNames(drugs, problems);
  const classes = new Set([...drugs.values()].map((d) => d.therapeuticClass));
  const populations = compilePopulations(files, drugs, parseFile, matches, (where, m, p) => checkReferences(where, m, drugs, classes, p), problems);

  const highAlert = parseFile(HighAlertFileSchema, files.highAlert, problems)?.entries ?? [];
  const interactions = files.interactions.flatMap((f) => parseFile(InteractionFileSchema, f, problems)?.rules ?? []);
  const allergy = parseFile(AllergyClassFileSchema, files.allergyClasses, problems)?.classes ?? [];
  const chronic = parseFile(ChronicConditionFileSchema, files.chronicConditions, problems)?.conditions ?? [];
  const pilot = parseFile(FirstVisitPilotFileSchema, files.firstVisitPilot, problems)?.departments ?? [];
  const classNames = files.therapeuticClasses ? (parseFile(TherapeuticClassFileSchema, files.therapeuticClasses, problems)?.classes ?? {}) : {};

  for (const e of highAlert) checkReferences(`${files.highAlert.file}: entry ${e.id}`, e.match, drugs, classes, problems);
  const ruleIds = new Set<string>();
  for (const r of interactions) {
    if (ruleIds.has(r.id)) problems.push(`interaction ${r.id}: duplicate id`);
    ruleIds.add(r.id);
    checkReferences(`interaction ${r.id} side a`, r.a, drugs, classes, problems);
    checkReferences(`interaction ${r.id} side b`, r.b, drugs, classes, problems);
  }
  const allergyClasses = new Map(allergy.map((c) => [c.id, c]));
  const allergyNames = new Map<string, string>();
  for (const c of allergy) {
    checkReferences(`${files.allergyClasses.file}: class ${c.id}`, c.members, drugs, classes, problems);
    for (const x of c.crossReactive)
      if (!allergyClasses.has(x.class)) problems.push(`${files.allergyClasses.file}: class ${c.id}: unknown cross-reactive class "${x.class}"`);
    for (const n of [c.id, c.nameEn, c.nameZh, ...c.names]) allergyNames.set(normaliseName(n), c.id);
  }
  const withdrawn = files.withdrawn ?? new Map<string, string>();
  for (const code of withdrawn.keys()) if (!drugs.has(code)) problems.push(`hospital formulary: withdrawn drug "${code}" is not in the formulary`);
  if (problems.length > 0) throw new KnowledgeError(problems);

  const highAlertByDrug = new Map<string, HighAlertEntry[]>();
  const interactionSides = new Map<string, { a: Set<number>; b: Set<number> }>();
  const allergyClassesByDrug = new Map<string, Set<string>>();
  for (const drug of drugs.values()) {
    const ha = highAlert.filter((e) => matches(e.match, drug));
    if (ha.length) highAlertByDrug.set(drug.code, ha);
    const sides = { a: new Set<number>(), b: new Set<number>() };
    interactions.forEach((r, i) => {
      if (matches(r.a, drug)) sides.a.add(i);
      if (matches(r.b, drug)) sides.b.add(i);
    });
    if (sides.a.size || sides.b.size) interactionSides.set(drug.code, sides);
    const ac = allergy.filter((c) => matches(c.members, drug)).map((c) => c.id);
    if (ac.length) allergyClassesByDrug.set(drug.code, new Set(ac));
  }

  const chronicCategories = new Map<string, ChronicCondition>();
  for (const c of chronic) for (const cat of c.icd10) chronicCategories.set(cat, c);

  return {
    drugs,
    names,
    highAlertByDrug,
    interactions,
    interactionSides,
    allergyClasses,
    allergyNames,
    allergyClassesByDrug,
    chronicCategories,
    pilotDepartments: new Set(pilot.map((d) => d.trim().toLowerCase())),
    classNames: new Map(Object.entries(classNames)),
    withdrawn,
    ...populations,
    search: buildSearchIndex([...drugs.values()].filter((d) => !withdrawn.has(d.code))),
  };
}

/** Resolves a prescriber's drug name (INN, synonym, Chinese name or code; any case) to a drug. */
export function findDrug(knowledge: RxKnowledge, name: string): Drug | null {
  const code = knowledge.names.get(normaliseName(name));
  return code === undefined ? null : (knowledge.drugs.get(code) ?? null);
}
