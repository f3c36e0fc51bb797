import { entryOfRow, type HospitalFormularyEntry } from '../../../shared/rx';
import type { ReadDb } from './database';

/** The hospital formulary rows pulled from the server (migration 005), as merge entries. */
export function formularyTable(db: ReadDb) {
  const all = db.prepare<[], { id: string; status: 'listed' | 'withdrawn'; drug: string | null; reason: string | null }>(
    `SELECT id, status, drug, reason FROM formulary ORDER BY id`,
  );
  return {
    entries(): HospitalFormularyEntry[] {
      // The server validated each record before accepting it; compileKnowledge checks them again.
      return all.all().map(entryOfRow);
    },
  };
}
