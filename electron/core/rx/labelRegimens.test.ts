/**
 * Issue 13, "regimens" and "units": prescriptions written from the drug labels (each scenario names
 * the label and section it follows), checked against the shipped knowledge. The expected results
 * are what the label allows, not what the knowledge file happens to hold.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPrescription, parseRxCheckInput, type RxAlert } from '../../../shared/rx';
import { loadRxKnowledge } from './loadKnowledge';
import { adult, item, type ItemInput } from './testInput';

const knowledge = loadRxKnowledge();

function run(items: ItemInput[]): RxAlert[] {
  const parsed = parseRxCheckInput(adult(items), knowledge);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  return checkPrescription(parsed.value, knowledge, { lang: 'en' }).alerts;
}
const doseCodes = (alerts: RxAlert[]): string[] => alerts.filter((a) => /^DOSE_|^FREQUENCY$/.test(a.code)).map((a) => a.code);
function parseError(items: ItemInput[]): string {
  const parsed = parseRxCheckInput(adult(items), knowledge);
  assert.ok(!parsed.ok, 'expected the order to be refused');
  return parsed.error;
}

describe('limits per regimen: a weekly dose is compared with a weekly limit', () => {
  // FDA Fosamax label, 2.1 "Treatment of osteoporosis in postmenopausal women": 70 mg once weekly or 10 mg once daily.
  test('alendronate 70 mg once weekly for osteoporosis raises no dose alert', () =>
    assert.deepEqual(doseCodes(run([item('alendronate', 70, 'mg', 'qw', 28, 'M81.0')])), []));
  test('alendronate 10 mg once daily (the label\'s daily regimen) is not a frequency error', () =>
    assert.deepEqual(doseCodes(run([item('alendronate', 10, 'mg', 'qd', 28, 'M81.0')])), []));
  test('alendronate 70 mg every day is seven times the daily regimen', () => {
    const alerts = run([item('alendronate', 70, 'mg', 'qd', 28, 'M81.0')]);
    assert.ok(doseCodes(alerts).includes('DOSE_DAILY_MAX'), JSON.stringify(alerts));
  });
  // FDA Actonel label, 2.1: 35 mg once a week.
  test('risedronate 35 mg once weekly is within label', () =>
    assert.deepEqual(doseCodes(run([item('risedronate', 35, 'mg', 'qw', 28, 'M81.0')])), []));
  // FDA Trexall label, 2 "Rheumatoid arthritis": 7.5 mg once weekly, up to 20 mg weekly; boxed warning on daily use.
  test('methotrexate 15 mg once weekly for rheumatoid arthritis raises no dose alert', () =>
    assert.deepEqual(doseCodes(run([item('methotrexate', 15, 'mg', 'qw', 28, 'M06.9')])), []));
  test('methotrexate 2.5 mg every day for arthritis is a frequency error, not a daily dose', () =>
    assert.deepEqual(doseCodes(run([item('methotrexate', 2.5, 'mg', 'qd', 28, 'M06.9')])), ['FREQUENCY']));
  // FDA Ozempic label, 2.2: 0.5 mg once weekly, may increase to 1 mg once weekly (the China label's maximum).
  test('semaglutide 1 mg once weekly is within label', () =>
    assert.deepEqual(doseCodes(run([item('semaglutide', 1, 'mg', 'qw', 28, 'E11.9', 'sc')])), []));
  // FDA Trulicity label, 2.1: 0.75 mg once weekly, may increase to 1.5 mg.
  test('dulaglutide 1.5 mg once weekly is within label', () =>
    assert.deepEqual(doseCodes(run([item('dulaglutide', 1.5, 'mg', 'qw', 28, 'E11.9', 'sc')])), []));
  // FDA Norvasc label, 2.1: maximum 10 mg once daily. A weekly order of a daily-only drug is still over per day of use.
  test('amlodipine 70 mg once weekly is a daily overdose on the day it is taken', () =>
    assert.deepEqual(doseCodes(run([item('amlodipine', 70, 'mg', 'qw', 28, 'I10')])), ['DOSE_SINGLE_MAX']));
});

describe('limits per course', () => {
  // FDA Zithromax label, 2.2 (adults): respiratory infections 500 mg once daily for 3 days, or 500 mg then 250 mg on days 2-5: 1.5 g per course.
  test('azithromycin 500 mg daily for 3 days for pneumonia is within the course', () =>
    assert.deepEqual(doseCodes(run([item('azithromycin', 500, 'mg', 'qd', 3, 'J18.9')])), []));
  test('azithromycin 500 mg daily for 5 days for pharyngitis is 2.5 g: over the 1.5 g course', () => {
    const alerts = run([item('azithromycin', 500, 'mg', 'qd', 5, 'J02.9')]);
    const course = alerts.find((a) => a.key.endsWith(':course'));
    assert.ok(course, JSON.stringify(alerts));
    assert.match(course.message, /2500 mg over 5 days.*1500 mg per course/);
  });
});

describe('units the label uses are accepted, through the label\'s own equivalence', () => {
  // EMA SmPC Clexane, 2 and 4.2: 100 mg/mL = 10,000 IU anti-Xa/mL; prophylaxis 40 mg (4,000 IU) once daily.
  test('enoxaparin written in mg, IU or mL is the same order', () => {
    for (const [value, unit] of [[40, 'mg'], [4000, 'IU'], [0.4, 'mL']] as const)
      assert.deepEqual(doseCodes(run([item('enoxaparin', value, unit, 'qd', 7, 'Z29', 'sc')])), [], `${value} ${unit}`);
  });
  // BNF colecalciferol: 1 microgram = 40 units; 800 units daily is 20 micrograms.
  test('colecalciferol written in mcg is accepted', () =>
    assert.deepEqual(doseCodes(run([item('colecalciferol', 20, 'mcg', 'qd', 28, 'E55')])), []));
  // FDA Synthroid label: strengths in mcg; mg is the same dimension.
  test('levothyroxine written as 0.05 mg is 50 mcg', () =>
    assert.deepEqual(doseCodes(run([item('levothyroxine', 0.05, 'mg', 'qd', 28, 'E03.9')])), []));
  // Nystatin potency is stated in units only (USP: units per mg vary by batch); insulin is dosed in units.
  test('a unit the label does not convert is refused with the reason', () => {
    assert.match(parseError([item('nystatin', 500, 'mg', 'tid', 7, 'B37')]), /^items\[0\]\.dose\.unit: mg is not a unit for nystatin .*no equivalence between IU and mass/);
    assert.match(parseError([item('insulin glargine', 10, 'mg', 'qd', 28, 'E11', 'sc')]), /dose\.unit: mg is not a unit for insulin glargine/);
  });
});

describe('chronic follow-up supplies (《长期处方管理规范(试行)》2021: up to 4 weeks without comment for stable chronic patients)', () => {
  const duration = (i: ItemInput): string[] => run([i]).filter((a) => a.code === 'DURATION').map((a) => a.severity);
  // FDA Flomax label (BPH, 0.4 mg once daily); FDA Aricept (dementia, 5-10 mg at bedtime); FDA Fosamax (osteoporosis).
  for (const [name, i] of [
    ['prostatic hyperplasia', item('tamsulosin', 0.2, 'mg', 'qd', 28, 'N40')],
    ['Alzheimer dementia', item('donepezil', 5, 'mg', 'qn', 28, 'G30.9')],
    ['osteoporosis', item('alendronate', 70, 'mg', 'qw', 28, 'M81.0')],
  ] as const)
    test(`a 28-day supply for ${name} is not flagged`, () => assert.deepEqual(duration(i), []));
  test('an acute condition still gets the 7-day rule', () => assert.deepEqual(duration(item('loratadine', 10, 'mg', 'qd', 28, 'J30')), ['override']));
});
