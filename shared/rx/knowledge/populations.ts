/**
 * Compiles the special-population files (elderly.json, hepatic.json, pregnancy-lactation.json) over
 * the formulary: every code and class they name must exist, each problem names the file and entry.
 * Pregnancy and lactation facts are merged into the drug records: a record's own value stands, and
 * a file that disagrees with it is an error rather than a silent choice between two sources.
 */
import type { z } from 'zod';
import type { Drug, ElderlyEntry, HepaticEntry, Matcher } from './schema';
import { ElderlyFileSchema, HepaticFileSchema, PregnancyLactationFileSchema } from './schema';

interface SourceFile {
  file: string;
  data: unknown;
}

export interface PopulationFiles {
  elderly?: SourceFile;
  hepatic?: SourceFile;
  pregnancyLactation?: SourceFile;
}

export interface PopulationKnowledge {
  /** Drug code -> the elderly entries whose matcher selects it. */
  elderlyByDrug: ReadonlyMap<string, readonly ElderlyEntry[]>;
  /** Drug code -> the label's statement that age needs no dose adjustment (elderly.json `noAdjustment`). */
  elderlyNoAdjustment: ReadonlyMap<string, { words: string; sources: readonly string[] }>;
  hepaticByDrug: ReadonlyMap<string, HepaticEntry>;
  /** Drug code -> sources of the pregnancy/lactation facts taken from pregnancy-lactation.json. */
  pregnancyLactationSources: ReadonlyMap<string, { pregnancy: boolean; lactation: boolean; sources: readonly string[] }>;
}

type Parse = <S extends z.ZodType>(schema: S, f: SourceFile, problems: string[]) => z.infer<S> | null;
type CheckReferences = (where: string, m: Matcher, problems: string[]) => void;

export function compilePopulations(
  files: PopulationFiles,
  drugs: Map<string, Drug>,
  parse: Parse,
  matches: (m: Matcher, d: Drug) => boolean,
  checkReferences: CheckReferences,
  problems: string[],
): PopulationKnowledge {
  const elderlyFile = files.elderly ? parse(ElderlyFileSchema, files.elderly, problems) : null;
  const elderly = elderlyFile?.entries ?? [];
  const elderlyNoAdjustment = new Map<string, { words: string; sources: string[] }>();
  for (const n of elderlyFile?.noAdjustment ?? []) {
    const where = `${files.elderly!.file}: noAdjustment ${n.code}`;
    if (!drugs.has(n.code)) problems.push(`${where}: not in the formulary`);
    else if (elderlyNoAdjustment.has(n.code)) problems.push(`${where}: duplicate code`);
    elderlyNoAdjustment.set(n.code, { words: n.words, sources: n.sources });
  }
  const ids = new Set<string>();
  for (const e of elderly) {
    const where = `${files.elderly!.file}: entry ${e.id}`;
    if (ids.has(e.id)) problems.push(`${where}: duplicate id`);
    ids.add(e.id);
    checkReferences(where, e.match, problems);
    if (e.action === 'reduce' && e.conditions) problems.push(`${where}: a "reduce" entry applies to every elderly patient, not only in conditions`);
  }
  const elderlyByDrug = new Map<string, ElderlyEntry[]>();
  for (const drug of drugs.values()) {
    const selected = elderly.filter((e) => matches(e.match, drug));
    if (selected.length) elderlyByDrug.set(drug.code, selected);
  }
  if (files.elderly) for (const e of elderly) if (![...elderlyByDrug.values()].some((l) => l.includes(e))) problems.push(`${files.elderly.file}: entry ${e.id}: selects no formulary drug`);

  const hepaticByDrug = new Map<string, HepaticEntry>();
  if (files.hepatic)
    for (const h of parse(HepaticFileSchema, files.hepatic, problems)?.drugs ?? []) {
      const where = `${files.hepatic.file}: drug ${h.code}`;
      if (!drugs.has(h.code)) problems.push(`${where}: not in the formulary`);
      else if (hepaticByDrug.has(h.code)) problems.push(`${where}: duplicate code`);
      hepaticByDrug.set(h.code, h);
    }

  const pregnancyLactationSources = new Map<string, { pregnancy: boolean; lactation: boolean; sources: string[] }>();
  if (files.pregnancyLactation)
    for (const p of parse(PregnancyLactationFileSchema, files.pregnancyLactation, problems)?.drugs ?? []) {
      const where = `${files.pregnancyLactation.file}: drug ${p.code}`;
      const drug = drugs.get(p.code);
      if (!drug) {
        problems.push(`${where}: not in the formulary`);
        continue;
      }
      if (pregnancyLactationSources.has(p.code)) problems.push(`${where}: duplicate code`);
      const merged = { ...drug };
      for (const field of ['pregnancy', 'lactation'] as const) {
        const level = p[field];
        if (level === undefined) continue;
        const value = level === 'none' ? null : level;
        if (drug[field] !== null && drug[field] !== value)
          problems.push(`${where}: ${field} "${level}" differs from the drug record's "${drug[field]}"`);
        else merged[field] = value;
      }
      drugs.set(p.code, merged);
      pregnancyLactationSources.set(p.code, { pregnancy: p.pregnancy !== undefined, lactation: p.lactation !== undefined, sources: p.sources });
    }
  return { elderlyByDrug, elderlyNoAdjustment, hepaticByDrug, pregnancyLactationSources };
}

type Covered = (knowledge: PopulationKnowledge, drug: Drug) => boolean;

/** Whether a drug has data for each special population: what a coverage report counts. */
export const elderlyCoverage: Covered = (k, d) => k.elderlyByDrug.has(d.code) || k.elderlyNoAdjustment.has(d.code);
export const hepaticCoverage: Covered = (k, d) => k.hepaticByDrug.has(d.code);
export const pregnancyCoverage: Covered = (k, d) => d.pregnancy !== null || (k.pregnancyLactationSources.get(d.code)?.pregnancy ?? false);
export const lactationCoverage: Covered = (k, d) => d.lactation !== null || (k.pregnancyLactationSources.get(d.code)?.lactation ?? false);
