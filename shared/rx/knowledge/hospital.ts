/**
 * The hospital's own formulary over the shipped one (issue 4: "the hospital's own list wins").
 *
 * A hospital IT admin imports a file in the shape of `HospitalFormularyFileSchema`; the server keeps
 * one entry per drug code and sends them to every workstation through the change feed. Merging
 * is per drug code:
 *  - a hospital drug record replaces the shipped record of the same code, or adds a drug;
 *  - a withdrawn code stays known (interactions with a patient's own supply still matter), but it
 *    cannot be prescribed here: UNKNOWN_DRUG, block, naming the hospital's reason;
 *  - a shipped drug the hospital does not mention keeps its shipped record.
 * The merge is compiled like the shipped files, so a hospital record is held to the same schema and
 * may not reuse another drug's name (an ambiguous name on a prescription is a safety defect).
 */
import { z } from 'zod';
import type { KnowledgeFile, KnowledgeFiles } from './compile';

const code = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lower-case hyphenated drug code like "insulin-glargine"');

export const HospitalFormularyFileSchema = z.strictObject({
  note: z.string().optional(),
  /** Whole drug records (resources/rx/README.md "Drug record"), checked when compiled. */
  drugs: z.array(z.unknown()).max(5000).default([]),
  withdrawn: z.array(z.strictObject({ code, reason: z.string().trim().min(1).max(500) })).max(5000).default([]),
});
export type HospitalFormularyFile = z.infer<typeof HospitalFormularyFileSchema>;

/** One drug code as the server holds it and the feed carries it. */
export interface HospitalFormularyEntry {
  code: string;
  status: 'listed' | 'withdrawn';
  /** The hospital's record for this code; null = the shipped record (only a withdrawal). */
  drug: unknown;
  reason: string | null;
}

function codeOf(raw: unknown): string | null {
  return typeof raw === 'object' && raw !== null && 'code' in raw && typeof raw.code === 'string' ? raw.code : null;
}

/** A stored formulary row (server table, workstation cache: the feed's `FormularyRow`) as an entry. */
export function entryOfRow(row: { id: string; status: 'listed' | 'withdrawn'; drug: string | null; reason: string | null }): HospitalFormularyEntry {
  return { code: row.id, status: row.status, drug: row.drug === null ? null : (JSON.parse(row.drug) as unknown), reason: row.reason };
}

/** The entries a file describes, in file order; an error message for a file that contradicts itself. */
export function entriesOfFile(file: HospitalFormularyFile): { ok: true; entries: HospitalFormularyEntry[] } | { ok: false; message: string } {
  const entries = new Map<string, HospitalFormularyEntry>();
  for (const [i, drug] of file.drugs.entries()) {
    const drugCode = codeOf(drug);
    if (drugCode === null || !code.safeParse(drugCode).success) return { ok: false, message: `drugs[${i}]: a drug record needs a code like "insulin-glargine"` };
    if (entries.has(drugCode)) return { ok: false, message: `drugs[${i}]: drug ${drugCode} is listed twice` };
    entries.set(drugCode, { code: drugCode, status: 'listed', drug, reason: null });
  }
  for (const w of file.withdrawn) {
    const listed = entries.get(w.code);
    if (listed?.status === 'listed') return { ok: false, message: `drug ${w.code} is both listed and withdrawn` };
    if (listed) return { ok: false, message: `drug ${w.code} is withdrawn twice` };
    entries.set(w.code, { code: w.code, status: 'withdrawn', drug: null, reason: w.reason });
  }
  return { ok: true, entries: [...entries.values()] };
}

const hospitalFile = 'hospital formulary';

/**
 * The shipped files with the hospital's entries laid over them. A withdrawn entry may also carry
 * the hospital's record (withdrawn after being replaced): that record still describes the drug.
 */
export function withHospitalFormulary(files: KnowledgeFiles, entries: readonly HospitalFormularyEntry[]): KnowledgeFiles {
  if (entries.length === 0) return files;
  const hospitalDrugs = entries.filter((e) => e.drug !== null).map((e) => e.drug);
  const replaced = new Set(entries.filter((e) => e.drug !== null).map((e) => e.code));
  const shipped = files.formulary.map((f): KnowledgeFile => {
    const data = f.data as { drugs?: unknown };
    if (!Array.isArray(data.drugs)) return f; // malformed: compileKnowledge reports it
    return { file: f.file, data: { ...data, drugs: data.drugs.filter((d) => !replaced.has(codeOf(d) ?? '')) } };
  });
  const withdrawn = new Map(entries.filter((e) => e.status === 'withdrawn').map((e) => [e.code, e.reason ?? '']));
  return {
    ...files,
    formulary: [...shipped, { file: hospitalFile, data: { drugs: hospitalDrugs } }],
    withdrawn: new Map([...(files.withdrawn ?? []), ...withdrawn]),
  };
}

/** The record of `code` as the files hold it (a copy): where a hospital starts its own record. */
export function drugRecordOf(files: KnowledgeFiles, code: string): Record<string, unknown> | undefined {
  for (const f of files.formulary) {
    const drugs = (f.data as { drugs?: unknown }).drugs;
    const found: unknown = Array.isArray(drugs) ? (drugs as unknown[]).find((d) => codeOf(d) === code) : undefined;
    if (found) return structuredClone(found) as Record<string, unknown>;
  }
  return undefined;
}
