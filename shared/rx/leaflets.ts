/**
 * Patient leaflets for high-alert drugs (issue 13, `resources/rx/leaflets/`): what the physician
 * shows and explains before signing, what prints with the prescription and what the pharmacist
 * sees in review. The rules for internet hospitals ask that patients be told the risks of
 * high-alert medication (中国药学会《我国高警示药品推荐目录》2019; 《处方管理办法》第十四条 on
 * 用药指导). A leaflet belongs to one high-alert entry of `high-alert.json`; with `drugs` it is that
 * drug's own (warfarin needs INR advice other anticoagulants do not), without it the entry's.
 * Runtime-neutral: read with the same file-system calls as the knowledge files.
 */
import { z } from 'zod';
import type { Lang } from './alerts';
import { KnowledgeError, type KnowledgeFile, type RxKnowledge } from './knowledge/compile';
import type { KnowledgeFs } from './knowledge/files';
import type { HighAlertEntry } from './knowledge/schema';

const line = z.string().trim().min(1).max(400);
const LeafletText = z.strictObject({
  title: z.string().trim().min(1).max(120),
  purpose: line,
  howToTake: z.array(line).min(1).max(6),
  warningSigns: z.array(line).min(1).max(6),
  avoid: z.array(line).min(1).max(6),
});
export type LeafletText = z.infer<typeof LeafletText>;

export const LeafletSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  /** Raised whenever the text changes: a confirmation names the version the patient was told. */
  version: z.number().int().min(1),
  /** The `high-alert.json` entry this leaflet is for. */
  highAlert: z.string().min(1),
  /** Only for these drugs of the entry; absent = every drug of the entry without a leaflet of its own. */
  drugs: z.array(z.string().min(1)).min(1).optional(),
  zh: LeafletText,
  en: LeafletText,
  /** The label, patient medication guide or 国家药监局说明书 the text is written from. */
  sources: z.array(z.string().trim().min(1)).min(1),
});
export type Leaflet = z.infer<typeof LeafletSchema>;

export interface LeafletBook {
  readonly all: readonly Leaflet[];
  /** The leaflet a patient gets for this drug under this high-alert entry, if there is one. */
  forDrug(entryId: string, drugCode: string): Leaflet | null;
  byId(id: string): Leaflet | null;
}

/** Every `*.json` of the leaflets folder, in name order. */
export function readLeafletFiles(dir: string, fs: KnowledgeFs): KnowledgeFile[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = `${dir}/${name}`;
      try {
        return { file, data: JSON.parse(fs.readFileSync(file, 'utf8')) as unknown };
      } catch (error) {
        throw new KnowledgeError([`${file}: not readable JSON (${error instanceof Error ? error.message : String(error)})`]);
      }
    });
}

/** High-alert entries that some formulary drug falls under, by id. */
function entriesInFormulary(knowledge: RxKnowledge): Map<string, { entry: HighAlertEntry; drugs: Set<string> }> {
  const byId = new Map<string, { entry: HighAlertEntry; drugs: Set<string> }>();
  for (const [code, entries] of knowledge.highAlertByDrug)
    for (const entry of entries) {
      const known = byId.get(entry.id) ?? { entry, drugs: new Set<string>() };
      known.drugs.add(code);
      byId.set(entry.id, known);
    }
  return byId;
}

/**
 * Validates every leaflet (strict: an unknown field is refused, so a misspelt warning is never
 * silently dropped) and that it points at a high-alert entry and drugs the formulary has.
 */
export function compileLeaflets(files: readonly KnowledgeFile[], knowledge: RxKnowledge): LeafletBook {
  const problems: string[] = [];
  const entries = entriesInFormulary(knowledge);
  const leaflets: Leaflet[] = [];
  const ids = new Set<string>();
  const owners = new Set<string>();
  for (const f of files) {
    const parsed = LeafletSchema.safeParse(f.data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${f.file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
      continue;
    }
    const l = parsed.data;
    if (ids.has(l.id)) problems.push(`${f.file}: duplicate leaflet id "${l.id}"`);
    ids.add(l.id);
    const entry = entries.get(l.highAlert);
    if (!entry) problems.push(`${f.file}: "${l.highAlert}" is not a high-alert entry of any formulary drug`);
    for (const drug of l.drugs ?? [''])
      if (drug && entry && !entry.drugs.has(drug)) problems.push(`${f.file}: drug "${drug}" is not under high-alert entry "${l.highAlert}"`);
    for (const drug of l.drugs ?? ['*']) {
      const owner = `${l.highAlert}/${drug}`;
      if (owners.has(owner)) problems.push(`${f.file}: a second leaflet for ${owner}`);
      owners.add(owner);
    }
    leaflets.push(l);
  }
  if (problems.length > 0) throw new KnowledgeError(problems);
  return leafletBook(leaflets);
}

function leafletBook(leaflets: readonly Leaflet[]): LeafletBook {
  const own = new Map<string, Leaflet>();
  const general = new Map<string, Leaflet>();
  const ids = new Map(leaflets.map((l) => [l.id, l]));
  for (const l of leaflets) {
    if (l.drugs) for (const d of l.drugs) own.set(`${l.highAlert}/${d}`, l);
    else general.set(l.highAlert, l);
  }
  return {
    all: leaflets,
    forDrug: (entryId, drugCode) => own.get(`${entryId}/${drugCode}`) ?? general.get(entryId) ?? null,
    byId: (id) => ids.get(id) ?? null,
  };
}

/**
 * Each (drug, high-alert entry) pair a prescription can actually raise: the entry's routes and
 * forms must meet one of the drug's forms (oral propafenone never falls under the IV
 * antiarrhythmics entry). The rule is the engine's (shared/rx/checks/drugFacts.ts, highAlertCheck).
 */
export function reachableHighAlert(knowledge: RxKnowledge): { drug: string; entry: string }[] {
  const pairs: { drug: string; entry: string }[] = [];
  for (const [code, entries] of knowledge.highAlertByDrug) {
    const drug = knowledge.drugs.get(code);
    if (!drug) continue;
    for (const e of entries) {
      const reachable = drug.forms.some(
        (f) => (e.routes === undefined || f.routes.some((r) => e.routes!.includes(r))) && (e.forms === undefined || e.forms.includes(f.form)),
      );
      if (reachable) pairs.push({ drug: code, entry: e.id });
    }
  }
  return pairs;
}

export const leafletText = (leaflet: Leaflet, lang: Lang): LeafletText => (lang === 'zh' ? leaflet.zh : leaflet.en);
