/**
 * The prescription knowledge on the server: the files that ship with CareDesk (resources/rx, read
 * with the workstation's reader) under the hospital's own formulary, merged the way every
 * workstation merges them (shared/rx/knowledge/hospital.ts).
 */
import * as fs from 'node:fs';
import { resolve } from 'node:path';
import { compileKnowledge, readKnowledgeFiles, withHospitalFormulary, type HospitalFormularyEntry, type KnowledgeFiles, type RxKnowledge } from '../../shared/rx';
import type { Queryable } from '../db/types';

const rxResourcesDir = resolve(import.meta.dirname, '../../resources/rx');
let shipped: KnowledgeFiles | null = null;

export function shippedKnowledgeFiles(): KnowledgeFiles {
  return (shipped ??= readKnowledgeFiles(rxResourcesDir, fs));
}

export async function hospitalFormularyEntries(db: Queryable): Promise<HospitalFormularyEntry[]> {
  const rows = await db.query<{ id: string; status: 'listed' | 'withdrawn'; drug: string | null; reason: string | null }>(
    `SELECT id, status, drug, reason FROM formulary ORDER BY id`,
  );
  return rows.map((r) => ({ code: r.id, status: r.status, drug: r.drug === null ? null : (JSON.parse(r.drug) as unknown), reason: r.reason }));
}

/** Throws KnowledgeError when the entries do not compile over the shipped files. */
export function compileWithHospital(entries: readonly HospitalFormularyEntry[]): RxKnowledge {
  return compileKnowledge(withHospitalFormulary(shippedKnowledgeFiles(), entries));
}
