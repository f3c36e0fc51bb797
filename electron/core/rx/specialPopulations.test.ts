/**
 * Issue 13, older adults, hepatic impairment, pregnancy and lactation: prescriptions written from
 * the AGS Beers Criteria 2023 and drug labels (each scenario names its source), checked against the
 * shipped knowledge. The expected results are what the criteria and labels say, not what
 * resources/rx happens to hold.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPrescription, parseRxCheckInput, type RxAlert } from '../../../shared/rx';
import { loadRxKnowledge } from './loadKnowledge';
import { adult, item, type ItemInput, type TestInput } from './testInput';

const knowledge = loadRxKnowledge();

type Patient = TestInput['patient'] & { childPugh?: 'A' | 'B' | 'C' };

function run(items: ItemInput[], patient: Partial<Patient> = {}, lang: 'en' | 'zh' = 'en'): RxAlert[] {
  const input = adult(items);
  const parsed = parseRxCheckInput({ ...input, patient: { ...input.patient, ...patient } }, knowledge);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  return checkPrescription(parsed.value, knowledge, { lang }).alerts;
}
const of = (alerts: RxAlert[], code: string): RxAlert[] => alerts.filter((a) => a.code === code);
const severities = (alerts: RxAlert[], code: string): string[] => of(alerts, code).map((a) => a.severity);

/** Born on these dates, the patient is 80 / 70 / 65 / 40 on the test date 2026-11-25. */
const aged = { 80: '1946-03-01', 70: '1956-03-01', 65: '1961-03-01', 40: '1986-03-01' } as const;
const at = (age: keyof typeof aged): Partial<Patient> => ({ birthDate: aged[age] });
const diagnosed = (code: string) => ({ code, since: '2025-01-15', setting: 'in-person' as const });
const withDiagnoses = (age: keyof typeof aged, ...codes: string[]): Partial<Patient> => ({
  birthDate: aged[age],
  diagnoses: [...adult().patient.diagnoses, ...codes.map(diagnosed)],
});

describe('older adults: AGS Beers Criteria 2023 and the labels\' geriatric limits', () => {
  // Beers 2023, Table 2: first-generation antihistamines (chlorpheniramine, cyproheptadine, hydroxyzine): avoid.
  test('an 80-year-old on a first-generation antihistamine is alerted, with a reason required', () => {
    const alerts = run([item('chlorphenamine', 4, 'mg', 'tid', 5, 'J30')], at(80));
    assert.deepEqual(severities(alerts, 'ELDERLY'), ['override']);
    assert.match(of(alerts, 'ELDERLY')[0]!.source, /Beers/);
  });
  test('a 40-year-old on the same antihistamine is not', () =>
    assert.deepEqual(of(run([item('chlorphenamine', 4, 'mg', 'tid', 5, 'J30')], at(40)), 'ELDERLY'), []));
  test('the rule covers the class, not one drug: cyproheptadine and hydroxyzine too; loratadine (second generation) not', () => {
    assert.equal(of(run([item('cyproheptadine', 4, 'mg', 'tid', 5, 'J30')], at(80)), 'ELDERLY').length, 1);
    assert.equal(of(run([item('hydroxyzine', 25, 'mg', 'tid', 5, 'L50')], at(80)), 'ELDERLY').length, 1);
    assert.deepEqual(of(run([item('loratadine', 10, 'mg', 'qd', 5, 'J30')], at(80)), 'ELDERLY'), []);
  });
  test('the alert is in the prescriber\'s language', () =>
    assert.match(of(run([item('chlorphenamine', 4, 'mg', 'tid', 5, 'J30')], at(80), 'zh'), 'ELDERLY')[0]!.message, /患者80岁.*第一代抗组胺药/));

  // FDA Ambien label, Dosage: elderly or debilitated patients 5 mg; Beers Table 2: Z-drugs avoid.
  test('zolpidem 10 mg in a 70-year-old is over the geriatric 5 mg and a Beers Z-drug', () => {
    const keys = of(run([item('zolpidem', 10, 'mg', 'qn', 7, 'G47')], at(70)), 'ELDERLY').map((a) => a.key);
    assert.equal(keys.length, 2, keys.join());
  });
  test('zolpidem 5 mg in a 70-year-old raises the Beers alert only', () =>
    assert.equal(of(run([item('zolpidem', 5, 'mg', 'qn', 7, 'G47')], at(70)), 'ELDERLY').length, 1));

  // Beers Table 2: digoxin, avoid dosages > 0.125 mg/day.
  test('digoxin 0.125 mg a day is within Beers; 0.25 mg a day is not', () => {
    assert.deepEqual(of(run([item('digoxin', 0.125, 'mg', 'qd', 28, 'I50')], at(80)), 'ELDERLY'), []);
    assert.deepEqual(severities(run([item('digoxin', 0.25, 'mg', 'qd', 28, 'I50')], at(80)), 'ELDERLY'), ['override']);
  });

  // Beers Table 2: avoid starting warfarin for nonvalvular AF or VTE; continuing long-term warfarin may be reasonable.
  test('starting warfarin for AF at 80 needs a reason; continuing it does not', () => {
    assert.deepEqual(severities(run([item('warfarin', 3, 'mg', 'qd', 28, 'I48')], at(80)), 'ELDERLY'), ['override']);
    assert.deepEqual(of(run([item('warfarin', 3, 'mg', 'qd', 28, 'I48')], { ...at(80), activeMedications: [{ drug: 'warfarin' }] }), 'ELDERLY'), []);
  });

  // Beers Table 2: peripheral alpha-1 blockers for treatment of hypertension: avoid (not for BPH).
  test('doxazosin is flagged as an antihypertensive, not for prostatic hyperplasia', () => {
    assert.equal(of(run([item('doxazosin', 2, 'mg', 'qd', 28, 'I10', 'oral', { release: 'immediate' })], at(70)), 'ELDERLY').length, 1);
    assert.deepEqual(of(run([item('doxazosin', 2, 'mg', 'qd', 28, 'N40', 'oral', { release: 'immediate' })], withDiagnoses(70, 'N40')), 'ELDERLY'), []);
  });

  // Beers Table 2: nifedipine immediate release: avoid.
  test('immediate-release nifedipine is flagged; extended-release is not', () => {
    assert.equal(of(run([item('nifedipine', 10, 'mg', 'tid', 28, 'I10', 'oral', { form: 'capsule' })], at(70)), 'ELDERLY').length, 1);
    assert.deepEqual(of(run([item('nifedipine', 30, 'mg', 'qd', 28, 'I10', 'oral', { release: 'extended' })], at(70)), 'ELDERLY'), []);
  });

  // Beers Table 2: proton-pump inhibitors, avoid scheduled use > 8 weeks.
  test('a PPI for 4 weeks is not flagged, for 12 weeks it is', () => {
    assert.deepEqual(of(run([item('omeprazole', 20, 'mg', 'qd', 28, 'K21')], at(70)), 'ELDERLY'), []);
    assert.equal(of(run([item('omeprazole', 20, 'mg', 'qd', 84, 'K21')], at(70)), 'ELDERLY').length, 1);
  });

  // FDA Celexa label, Dosage: 20 mg/day maximum for patients greater than 60 years.
  test('citalopram 40 mg in a 65-year-old needs a reason; 20 mg only shows the Beers sodium caution', () => {
    assert.ok(severities(run([item('citalopram', 40, 'mg', 'qd', 28, 'F32')], at(65)), 'ELDERLY').includes('override'));
    assert.deepEqual(severities(run([item('citalopram', 20, 'mg', 'qd', 28, 'F32')], at(65)), 'ELDERLY'), ['info']);
  });

  // FDA Pletal label, Boxed warning and Contraindications: heart failure of any severity; Beers Table 3.
  test('cilostazol in heart failure cannot be signed; without heart failure it is not blocked', () => {
    assert.deepEqual(severities(run([item('cilostazol', 100, 'mg', 'bid', 28, 'I73.9')], withDiagnoses(70, 'I50.9')), 'ELDERLY'), ['block']);
    const noHeartFailure = adult().patient.diagnoses.filter((d) => !d.code.startsWith('I50'));
    assert.deepEqual(of(run([item('cilostazol', 100, 'mg', 'bid', 28, 'I73.9')], { ...at(70), diagnoses: noHeartFailure }), 'ELDERLY'), []);
  });

  // Beers Table 3, Parkinson disease: antipsychotics except quetiapine, clozapine, pimavanserin.
  test('in Parkinson disease risperidone is flagged for the disease, quetiapine is not', () => {
    const risperidone = of(run([item('risperidone', 1, 'mg', 'qd', 28, 'F20')], withDiagnoses(70, 'G20')), 'ELDERLY');
    assert.ok(risperidone.some((a) => a.severity === 'override' && /G20/.test(a.message)), JSON.stringify(risperidone));
    const quetiapine = of(run([item('quetiapine', 25, 'mg', 'qd', 28, 'F20')], withDiagnoses(70, 'G20')), 'ELDERLY');
    assert.ok(quetiapine.every((a) => a.severity === 'info'), JSON.stringify(quetiapine));
  });
});

describe('hepatic impairment: the label\'s Child-Pugh guidance', () => {
  // FDA Xeljanz label, Dosage in hepatic impairment: moderate (Child-Pugh B) 5 mg once daily; severe not recommended.
  test('tofacitinib 5 mg twice daily in Child-Pugh B is above the label\'s 5 mg a day', () =>
    assert.deepEqual(severities(run([item('tofacitinib', 5, 'mg', 'bid', 28, 'M06.9')], { childPugh: 'B' }), 'HEPATIC'), ['override']));
  test('tofacitinib 5 mg once daily in Child-Pugh B is within it', () =>
    assert.deepEqual(of(run([item('tofacitinib', 5, 'mg', 'qd', 28, 'M06.9')], { childPugh: 'B' }), 'HEPATIC'), []));
  // FDA Nexium label: severe hepatic impairment, do not exceed 20 mg daily.
  test('esomeprazole 40 mg in Child-Pugh C is flagged, 20 mg is not', () => {
    assert.equal(of(run([item('esomeprazole', 40, 'mg', 'qd', 28, 'K21')], { childPugh: 'C' }), 'HEPATIC').length, 1);
    assert.deepEqual(of(run([item('esomeprazole', 20, 'mg', 'qd', 28, 'K21')], { childPugh: 'C' }), 'HEPATIC'), []);
  });
  // FDA Xarelto label 8.7: avoid in Child-Pugh B and C; no restriction stated for A.
  test('rivaroxaban is to be avoided in Child-Pugh B, not restricted in A', () => {
    assert.deepEqual(severities(run([item('rivaroxaban', 20, 'mg', 'qd', 28, 'I48')], { childPugh: 'B' }), 'HEPATIC'), ['override']);
    assert.deepEqual(of(run([item('rivaroxaban', 20, 'mg', 'qd', 28, 'I48')], { childPugh: 'A' }), 'HEPATIC'), []);
  });
  // FDA Lipitor label, Contraindications: acute liver failure or decompensated cirrhosis.
  test('hepatic failure in the diagnoses blocks atorvastatin', () =>
    assert.deepEqual(severities(run([item('atorvastatin', 20, 'mg', 'qd', 28, 'E78')], withDiagnoses(40, 'K72.1')), 'HEPATIC'), ['block']));
  test('cirrhosis without a Child-Pugh class asks for a reason and lists what the label restricts', () => {
    const [alert, ...rest] = of(run([item('rivaroxaban', 20, 'mg', 'qd', 28, 'I48')], withDiagnoses(40, 'K74.6')), 'HEPATIC');
    assert.equal(rest.length, 0);
    assert.equal(alert?.severity, 'override');
    assert.match(alert.message, /K74\.6.*Child-Pugh B\/C/);
  });
  test('a recorded Child-Pugh class wins over the diagnoses', () =>
    assert.deepEqual(of(run([item('rivaroxaban', 20, 'mg', 'qd', 28, 'I48')], { ...withDiagnoses(40, 'K74.6'), childPugh: 'A' }), 'HEPATIC'), []));
  test('fatty liver or chronic hepatitis alone is not hepatic impairment', () =>
    assert.deepEqual(of(run([item('rivaroxaban', 20, 'mg', 'qd', 28, 'I48')], withDiagnoses(40, 'K76.0', 'B18.1')), 'HEPATIC'), []));
});

describe('pregnancy and lactation', () => {
  // FDA Lipitor label, Contraindications (pregnancy, pre-2021 label) and 8.1; 《中国国家处方集》: 孕妇禁用.
  test('a pregnancy-contraindicated drug blocks', () =>
    assert.deepEqual(severities(run([item('atorvastatin', 20, 'mg', 'qd', 28, 'E78')], { sex: 'female', pregnant: true }), 'PREGNANCY'), ['block']));
  // EMA SmPC Januvia 4.6: should not be used during pregnancy (insulin preferred).
  test('a drug the label says not to use in pregnancy needs a reason, cited from its label', () => {
    const [alert] = of(run([item('sitagliptin', 100, 'mg', 'qd', 28, 'E11')], { sex: 'female', pregnant: true }), 'PREGNANCY');
    assert.equal(alert?.severity, 'override');
    assert.match(alert.source, /Januvia/);
  });
  // Avapro label 8.2: breastfeeding not recommended; Amoxil label / LactMed: compatible.
  test('irbesartan while breastfeeding needs a reason; amoxicillin in pregnancy or breastfeeding raises nothing', () => {
    assert.deepEqual(severities(run([item('irbesartan', 150, 'mg', 'qd', 28, 'I10')], { sex: 'female', lactating: true }), 'PREGNANCY'), ['override']);
    assert.deepEqual(of(run([item('amoxicillin', 500, 'mg', 'tid', 7, 'J02')], { sex: 'female', pregnant: true, lactating: true }), 'PREGNANCY'), []);
  });
});
