/**
 * Knowledge coverage (issue 13): per dimension, the share of formulary drugs whose record carries
 * the label's data for it. One row per dimension, each a predicate over a compiled drug record; a
 * dimension whose field the knowledge does not have yet has `has: null` and reads "not loaded".
 */
import type { RxKnowledge } from './knowledge/compile';
import type { Drug } from './knowledge/schema';

export interface CoverageDimension {
  id: string;
  /** True when the drug's record says what its label says for this dimension; null = not loaded. */
  has: ((drug: Drug) => boolean) | null;
}

export const coverageDimensions: readonly CoverageDimension[] = [
  // Bands, a minimum age or the label's "not established in children": any of them is the label's answer.
  { id: 'pediatric', has: (d) => d.pediatric !== null },
  // Renal rules, or the label's statement that no adjustment is needed.
  { id: 'renal', has: (d) => d.renal.length > 0 || d.renalUnchanged !== undefined },
  { id: 'hepatic', has: null },
  // Only restrictions are recorded today (null = none or unknown), so this counts drugs with one.
  { id: 'pregnancy', has: (d) => d.pregnancy !== null },
  { id: 'lactation', has: (d) => d.lactation !== null },
  { id: 'elderly', has: null },
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
    const missing = has === null ? drugs.map((d) => d.code) : drugs.filter((d) => !has(d)).map((d) => d.code);
    const covered = has === null ? 0 : drugs.length - missing.length;
    const pct = drugs.length === 0 ? 0 : Math.round((covered / drugs.length) * 1000) / 10;
    return { id, loaded: has !== null, covered, total: drugs.length, pct, missing };
  });
}
