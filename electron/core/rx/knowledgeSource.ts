/**
 * The knowledge prescriptions are checked against on this workstation: the shipped files with the
 * hospital's formulary, as last pulled, laid over them (the hospital's list wins; see
 * shared/rx/knowledge/hospital.ts). Compiled on first use and again after a pull changed the
 * formulary.
 */
import { compileKnowledge, KnowledgeError, withHospitalFormulary, type RxKnowledge } from '../../../shared/rx';
import { readOnly, type Db } from '../store/database';
import { formularyTable } from '../store/formulary';
import { loadRxKnowledge, loadRxKnowledgeFiles } from './loadKnowledge';

export interface KnowledgeSource {
  current(): RxKnowledge;
  /** Call when pulled rows touched the `formulary` table. */
  invalidate(): void;
}

export function knowledgeSource(db: Db, dir: string | undefined, log: (line: string) => void): KnowledgeSource {
  const formulary = formularyTable(readOnly(db));
  let compiled: RxKnowledge | null = null;
  function compile(): RxKnowledge {
    const entries = formulary.entries();
    if (entries.length === 0) return loadRxKnowledge(dir);
    try {
      return compileKnowledge(withHospitalFormulary(loadRxKnowledgeFiles(dir), entries));
    } catch (error) {
      // The server compiles the same merge before it accepts a formulary, so this means the server
      // ships other knowledge files than this workstation. Checking against the shipped knowledge
      // is safer than checking nothing; the log names the problem (drug codes, never patients).
      if (!(error instanceof KnowledgeError)) throw error;
      log(`hospital formulary not applied, checking against the shipped formulary: ${error.message}`);
      return loadRxKnowledge(dir);
    }
  }
  return {
    current: () => (compiled ??= compile()),
    invalidate: () => void (compiled = null),
  };
}
