/**
 * The prescription knowledge on the server: the files that ship with CareDesk (resources/rx, read
 * with the workstation's reader) under the hospital's own formulary, merged the way every
 * workstation merges them (shared/rx/knowledge/hospital.ts).
 */
import * as fs from 'node:fs';
import { resolve } from 'node:path';
import { compileKnowledge, entryOfRow, readKnowledgeFiles, withHospitalFormulary, type HospitalFormularyEntry, type KnowledgeFiles, type RxKnowledge } from '../../shared/rx';
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
  return rows.map(entryOfRow);
}

/** Throws KnowledgeError when the entries do not compile over the shipped files. */
export function compileWithHospital(entries: readonly HospitalFormularyEntry[]): RxKnowledge {
  return compileKnowledge(withHospitalFormulary(shippedKnowledgeFiles(), entries));
}

let cached: { fingerprint: string; knowledge: RxKnowledge } | null = null;

/**
 * The knowledge prescriptions are checked against now: recompiled only when the hospital's
 * formulary changed (every change bumps a version and stamps its time), which a one-row aggregate
 * tells cheaply. The time also tells apart two databases in one process (tests) at equal versions.
 */
export async function currentKnowledge(db: Queryable): Promise<RxKnowledge> {
  const [state] = await db.query<{ n: number; v: number; at: string }>(
    `SELECT count(*)::int AS n, coalesce(sum(version), 0)::int AS v, coalesce(max(updated_at), '') AS at FROM formulary`,
  );
  const fingerprint = `${state?.n ?? 0}:${state?.v ?? 0}:${state?.at ?? ''}`;
  if (cached?.fingerprint !== fingerprint) cached = { fingerprint, knowledge: compileWithHospital(await hospitalFormularyEntries(db)) };
  return cached.knowledge;
}
