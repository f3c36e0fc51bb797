/**
 * `npm run bench -- rx`: the prescription check and formulary search of issue 4 against the full
 * shipped knowledge. Target: a 5-item check at p95 <= 5 ms.
 */
import { performance } from 'node:perf_hooks';
import { checkPrescription, parseRxCheckInput, searchFormulary } from '../shared/rx';
import { knowledgeCoverage } from '../shared/rx/coverage';
import { loadRxKnowledge } from '../electron/core/rx/loadKnowledge';
import { adult, item } from '../electron/core/rx/testInput';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
function emit(bench: string, value: number, target: number | null, unit: string): void {
  process.stdout.write(`${JSON.stringify({ bench, value: Math.round(value * 1000) / 1000, target, unit })}\n`);
}
function time(iterations: number, fn: (i: number) => void): number[] {
  for (let i = 0; i < 300; i++) fn(i); // warm-up: JIT first, then measure
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    fn(i);
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b);
}

export async function rxBench(size: 'smoke' | 'full'): Promise<void> {
  const iterations = size === 'smoke' ? 300 : 5000;
  const loadStart = performance.now();
  const knowledge = loadRxKnowledge();
  emit('rx.knowledge_load_ms', performance.now() - loadStart, null, 'ms');

  // A realistic busy prescription: interactions, a high-alert drug, renal rules, an allergy class.
  const input = adult([
    item('warfarin', 3, 'mg', 'qd', 28, 'I48'),
    item('amiodarone', 200, 'mg', 'qd', 28, 'I48'),
    item('metformin', 500, 'mg', 'bid', 28, 'E11'),
    item('insulin glargine', 12, 'IU', 'qd', 28, 'E11', 'sc'),
    item('simvastatin', 20, 'mg', 'qn', 28, 'E78'),
  ]);
  input.patient.allergies = ['penicillin', 'sulfa'];
  input.patient.eGFR = 40;
  input.patient.activeMedications = [{ drug: 'aspirin' }, { drug: 'omeprazole' }, { drug: 'levothyroxine' }];
  const parsed = parseRxCheckInput(input, knowledge);
  if (!parsed.ok) throw new Error(parsed.error);
  const rx = parsed.value;
  // Let the knowledge load's garbage and pending I/O settle before measuring.
  await new Promise<void>((resolve) => setImmediate(resolve));
  const checks = time(iterations, () => checkPrescription(rx, knowledge));
  emit('rx.check_p50_ms', percentile(checks, 50), null, 'ms');
  emit('rx.check_p95_ms', percentile(checks, 95), 5, 'ms');
  // The same prescription for an 80-year-old with cirrhosis: the elderly and hepatic rules all run.
  const cirrhosis = { code: 'K74.6', since: '2025-01-15', setting: 'in-person' as const };
  const older = parseRxCheckInput({ ...input, patient: { ...input.patient, birthDate: '1946-03-01', diagnoses: [...input.patient.diagnoses, cirrhosis] } }, knowledge);
  if (!older.ok) throw new Error(older.error);
  const olderChecks = time(iterations, () => checkPrescription(older.value, knowledge));
  emit('rx.check_elderly_hepatic_p95_ms', percentile(olderChecks, 95), 5, 'ms');

  const parses = time(iterations, () => parseRxCheckInput(input, knowledge));
  emit('rx.parse_p95_ms', percentile(parses, 95), null, 'ms');

  const queries = ['aldp', 'a', 'amlo', '氨氯', '头孢', 'tylenol', 'xdnf', 'met', 'insulin', 'zz'];
  const searches = time(iterations, (i) => searchFormulary(knowledge.search, queries[i % queries.length]!));
  emit('rx.formulary_search_p50_ms', percentile(searches, 50), null, 'ms');
  emit('rx.formulary_search_p95_ms', percentile(searches, 95), 5, 'ms');
  emit('rx.formulary_drugs', knowledge.drugs.size, 300, 'drugs');
  // Issue 13: the share of formulary drugs whose label data is loaded, per dimension (target 90%).
  for (const row of knowledgeCoverage(knowledge)) emit(`rx.coverage_${row.id}_pct`, row.pct, 90, '%');
}
