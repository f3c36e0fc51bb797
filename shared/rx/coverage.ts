/**
 * Knowledge coverage (issue 13): per dimension, the share of formulary drugs whose knowledge carries
 * the label's answer for it, a restriction or the label's cited statement that none is needed. One
 * row per dimension, each a predicate over a compiled drug and the knowledge it was compiled into; a
 * dimension whose data the knowledge does not have yet has `has: null` and reads "not loaded".
 */
import type { RxKnowledge } from './knowledge/compile';
import { elderlyCoverage, hepaticCoverage, lactationCoverage, pregnancyCoverage } from './knowledge/populations';
import type { Drug } from './knowledge/schema';

export interface CoverageDimension {
  id: string;
  /** True when the knowledge says what the drug's label says for this dimension; null = not loaded. */
  has: ((drug: Drug, knowledge: RxKnowledge) => boolean) | null;
}

export const coverageDimensions: readonly CoverageDimension[] = [
  // Bands, a minimum age or the label's "not established in children": any of them is the label's answer.
  { id: 'pediatric', has: (d) => d.pediatric !== null },
  // Renal rules, or the label's statement that no adjustment is needed.
  { id: 'renal', has: (d) => d.renal.length > 0 || d.renalUnchanged !== undefined },
  // hepatic.json, elderly.json and pregnancy-lactation.json: a rule or a cited "no adjustment" / "none".
  { id: 'hepatic', has: (d, k) => hepaticCoverage(k, d) },
  { id: 'pregnancy', has: (d, k) => pregnancyCoverage(k, d) },
  { id: 'lactation', has: (d, k) => lactationCoverage(k, d) },
  { id: 'elderly', has: (d, k) => elderlyCoverage(k, d) },
];

export interface CoverageRow {
  id: string;
  loaded: boolean;
  covered: number;
  total: number;
  /** Percentage with one decimal; 0 when not loaded. */
  pct: number;
  /** Drug codes without data, for the people filling it in. */
  missing: string[];
}

export function knowledgeCoverage(knowledge: RxKnowledge, dimensions: readonly CoverageDimension[] = coverageDimensions): CoverageRow[] {
  const drugs = [...knowledge.drugs.values()].filter((d) => !knowledge.withdrawn.has(d.code));
  return dimensions.map(({ id, has }) => {
    const missing = has === null ? drugs.map((d) => d.code) : drugs.filter((d) => !has(d, knowledge)).map((d) => d.code);
    const covered = has === null ? 0 : drugs.length - missing.length;
    const pct = drugs.length === 0 ? 0 : Math.round((covered / drugs.length) * 1000) / 10;
    return { id, loaded: has !== null, covered, total: drugs.length, pct, missing };
  });
}
