/**
 * The special-population files are validated like the rest of the knowledge: unknown fields, codes
 * or classes the formulary lacks, and a pregnancy fact that contradicts the drug record are refused,
 * naming the file and the entry.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileKnowledge, elderlyCoverage, hepaticCoverage, KnowledgeError, lactationCoverage, pregnancyCoverage, type KnowledgeFiles } from '../../../shared/rx';
import { loadRxKnowledge, loadRxKnowledgeFiles } from './loadKnowledge';

const shipped = loadRxKnowledgeFiles();

function problemsOf(patch: Partial<KnowledgeFiles>): string {
  try {
    compileKnowledge({ ...shipped, ...patch });
  } catch (error) {
    assert.ok(error instanceof KnowledgeError, String(error));
    return error.problems.join('\n');
  }
  assert.fail('expected the knowledge to be refused');
}

const entry = {
  id: 'test-entry',
  match: { drugs: ['zolpidem'] },
  minAgeYears: 65,
  action: 'avoid',
  note: 'n',
  noteZh: 'n',
  sources: ['s'],
};

describe('special-population knowledge files', () => {
  test('an unknown field in an elderly entry is refused with the file and entry', () =>
    assert.match(problemsOf({ elderly: { file: 'elderly.json', data: { entries: [{ ...entry, maxDialy: 5 }] } } }), /elderly\.json: entries\.0: .*maxDialy/));
  test('a drug code or class the formulary lacks is refused', () => {
    assert.match(problemsOf({ elderly: { file: 'elderly.json', data: { entries: [{ ...entry, match: { drugs: ['zolpidemm'] } }] } } }), /elderly\.json: entry test-entry: unknown drug code "zolpidemm"/);
    assert.match(problemsOf({ elderly: { file: 'elderly.json', data: { entries: [{ ...entry, match: { classes: ['no-such-class'] } }] } } }), /no drug has therapeuticClass "no-such-class"/);
    assert.match(problemsOf({ elderly: { file: 'elderly.json', data: { entries: [{ ...entry, match: { atc: ['Z99'] } }] } } }), /entry test-entry: selects no formulary drug/);
  });
  test('a "reduce" entry without a limit is refused', () =>
    assert.match(problemsOf({ elderly: { file: 'elderly.json', data: { entries: [{ ...entry, action: 'reduce' }] } } }), /reduce" entry needs maxSingle or maxDaily/));
  test('a hepatic entry for a drug not in the formulary is refused', () =>
    assert.match(
      problemsOf({ hepatic: { file: 'hepatic.json', data: { drugs: [{ code: 'no-such-drug', rules: [{ childPugh: ['C'], action: 'avoid', note: 'n', noteZh: 'n' }], sources: ['s'] }] } } }),
      /hepatic\.json: drug no-such-drug: not in the formulary/,
    ));
  test('a hepatic "no adjustment" needs the label\'s words and no rules; rules: [] alone is refused', () => {
    const hepatic = (e: object) => ({ hepatic: { file: 'hepatic.json', data: { drugs: [{ code: 'cefixime', sources: ['s'], ...e }] } } });
    assert.match(problemsOf(hepatic({ rules: [] })), /hepatic\.json: drugs\.0: a drug needs rules, or rules: \[\] with noAdjustment/);
    const rule = { childPugh: ['C'], action: 'caution', note: 'n', noteZh: 'n' };
    assert.match(problemsOf(hepatic({ rules: [rule], noAdjustment: 'none' })), /a drug needs rules, or rules: \[\] with noAdjustment/);
    const k = compileKnowledge({ ...shipped, ...hepatic({ rules: [], noAdjustment: 'no adjustment' }) });
    assert.ok(hepaticCoverage(k, k.drugs.get('cefixime')!));
  });
  test('an elderly "no adjustment" for a drug not in the formulary is refused', () =>
    assert.match(
      problemsOf({ elderly: { file: 'elderly.json', data: { entries: [entry], noAdjustment: [{ code: 'no-such-drug', words: 'w', sources: ['s'] }] } } }),
      /elderly\.json: noAdjustment no-such-drug: not in the formulary/,
    ));
  test('a pregnancy fact that contradicts the drug record is refused; one that agrees is accepted', () => {
    const file = (pregnancy: string) => ({ pregnancyLactation: { file: 'pregnancy-lactation.json', data: { drugs: [{ code: 'atorvastatin', pregnancy, sources: ['s'] }] } } });
    assert.match(problemsOf(file('avoid')), /pregnancy-lactation\.json: drug atorvastatin: pregnancy "avoid" differs from the drug record's "contraindicated"/);
    assert.equal(compileKnowledge({ ...shipped, ...file('contraindicated') }).drugs.get('atorvastatin')?.pregnancy, 'contraindicated');
  });
  test('the file fills a drug record that has no pregnancy fact', () => {
    const k = loadRxKnowledge();
    assert.equal(k.drugs.get('sitagliptin')?.pregnancy, 'avoid');
    assert.equal(k.drugs.get('amoxicillin')?.pregnancy, null);
    assert.ok(pregnancyCoverage(k, k.drugs.get('amoxicillin')!), 'a cited "none" counts as covered');
  });
  test('coverage predicates count drugs with data', () => {
    const k = loadRxKnowledge();
    const drugs = [...k.drugs.values()];
    for (const covered of [elderlyCoverage, hepaticCoverage, pregnancyCoverage, lactationCoverage]) {
      const n = drugs.filter((d) => covered(k, d)).length;
      assert.ok(n > 0 && n < drugs.length, `${covered.name}: ${n}`);
    }
    assert.ok(hepaticCoverage(k, k.drugs.get('tofacitinib')!));
    assert.ok(hepaticCoverage(k, k.drugs.get('levetiracetam')!), 'a cited "no adjustment" counts as covered');
    assert.ok(!hepaticCoverage(k, k.drugs.get('cefixime')!));
  });
});
