/**
 * Importing the hospital's formulary (an admin's file, shared/rx/knowledge/hospital.ts). The file
 * is merged over what the hospital already holds, compiled over the shipped knowledge exactly as a
 * workstation will compile it, and only then written: one transaction, one feed change per drug
 * code that changed. A file that does not compile changes nothing and says why.
 */
import { canonicalJson } from '../../shared/domain/canonical';
import { entriesOfFile, HospitalFormularyFileSchema, KnowledgeError, type HospitalFormularyEntry } from '../../shared/rx';
import type { Database, Queryable } from '../db/types';
import { appendChanges, serverMeta } from '../feed/append';
import { HttpError, parse } from '../http/errors';
import { compileWithHospital, hospitalFormularyEntries } from './knowledge';

export interface ImportSummary {
  /** Codes whose entry is new or different, in file order. */
  changed: string[];
  unchanged: number;
  /** The hospital's entries after the import. */
  listed: number;
  withdrawn: number;
}

const sameEntry = (a: HospitalFormularyEntry, b: HospitalFormularyEntry) =>
  a.status === b.status && a.reason === b.reason && canonicalJson(a.drug) === canonicalJson(b.drug);

/**
 * A withdrawal keeps the hospital's record of the drug if it has one (it still describes the drug
 * for interaction checks); a drug listed again comes with its record.
 */
function overlay(existing: HospitalFormularyEntry | undefined, entry: HospitalFormularyEntry): HospitalFormularyEntry {
  return entry.status === 'withdrawn' ? { ...entry, drug: existing?.drug ?? null } : entry;
}

/** `record`: runs in the import's transaction with its outcome (the admin action that audits it). */
export async function importFormulary(
  db: Database,
  body: unknown,
  adminId: string,
  now: Date,
  record: (tx: Queryable, summary: ImportSummary) => Promise<void> = async () => {},
): Promise<ImportSummary> {
  const file = parse(HospitalFormularyFileSchema, body, 'formulary file');
  const incoming = entriesOfFile(file);
  if (!incoming.ok) throw new HttpError(400, 'INVALID_REQUEST', `invalid formulary file: ${incoming.message}`);
  return db.transaction(async (tx) => {
    // One import at a time: each compiles against what the one before it wrote.
    await tx.query(`LOCK TABLE formulary IN SHARE ROW EXCLUSIVE MODE`);
    const current = new Map((await hospitalFormularyEntries(tx)).map((e) => [e.code, e]));
    const changed = incoming.entries.map((e) => overlay(current.get(e.code), e)).filter((e) => {
      const before = current.get(e.code);
      return !before || !sameEntry(before, e);
    });
    const merged = new Map(current);
    for (const e of changed) merged.set(e.code, e);
    try {
      compileWithHospital([...merged.values()]);
    } catch (error) {
      if (!(error instanceof KnowledgeError)) throw error;
      throw new HttpError(400, 'INVALID_REQUEST', `the formulary does not fit the shipped knowledge: ${error.problems.slice(0, 10).join('; ')}`);
    }
    if (changed.length > 0) {
      await writeEntries(tx, changed, adminId, now);
      await appendChanges(tx, 'formulary', changed.map((e) => e.code), { ...serverMeta, authorId: adminId });
    }
    const all = [...merged.values()];
    const summary: ImportSummary = {
      changed: changed.map((e) => e.code),
      unchanged: incoming.entries.length - changed.length,
      listed: all.filter((e) => e.status === 'listed').length,
      withdrawn: all.filter((e) => e.status === 'withdrawn').length,
    };
    await record(tx, summary);
    return summary;
  });
}

async function writeEntries(tx: Queryable, entries: readonly HospitalFormularyEntry[], adminId: string, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO formulary (id, status, drug, reason, version, updated_at, updated_by)
     SELECT u.id, u.status, u.drug, u.reason, 1, $5, $6
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(id, status, drug, reason)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, drug = excluded.drug, reason = excluded.reason,
       version = formulary.version + 1, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [
      entries.map((e) => e.code),
      entries.map((e) => e.status),
      entries.map((e) => (e.drug === null ? null : canonicalJson(e.drug))),
      entries.map((e) => e.reason),
      now.toISOString(),
      adminId,
    ],
  );
}

/** The hospital's entries for the admin screen: what it lists or withdrew, and when. */
export async function listFormulary(db: Queryable) {
  const rows = await db.query<{ id: string; status: 'listed' | 'withdrawn'; reason: string | null; version: number; updated_at: string; has_record: boolean }>(
    `SELECT id, status, reason, version, updated_at, drug IS NOT NULL AS has_record FROM formulary ORDER BY id`,
  );
  return rows.map((r) => ({ code: r.id, status: r.status, reason: r.reason, version: r.version, updatedAt: r.updated_at, hospitalRecord: r.has_record }));
}
