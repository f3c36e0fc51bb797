/**
 * Issue 13, "Report coverage": scenarios for the label facts added to reach the coverage target,
 * one dimension per block, at least three per dimension. Each scenario is written from the label
 * (or guideline) it names, not from resources/rx: the expected result is what that text allows.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPrescription, parseRxCheckInput, type RxAlert } from '../../../shared/rx';
import { loadRxKnowledge } from './loadKnowledge';
import { adult, item, type ItemInput, type TestInput } from './testInput';

const knowledge = loadRxKnowledge();

type Patient = TestInput['patient'] & { childPugh?: 'A' | 'B' | 'C' };

function run(items: ItemInput[], patient: Partial<Patient> = {}, visit: Partial<TestInput['visit']> = {}): RxAlert[] {
  const input = adult(items);
  const parsed = parseRxCheckInput({ ...input, patient: { ...input.patient, ...patient }, visit: { ...input.visit, ...visit } }, knowledge);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  return checkPrescription(parsed.value, knowledge, { lang: 'en' }).alerts;
}
/** The severities of the alerts with this code, in order. */
const raised = (alerts: RxAlert[], code: string): string[] => alerts.filter((a) => a.code === code).map((a) => a.severity);

/** A child seen in person with a guardian, born `years` before the test date 2026-11-25. */
const child = (years: number, weightKg: number): Partial<Patient> => ({ birthDate: `${2026 - years}-05-01`, weightKg });
const inPerson = { channel: 'in-person' as const, guardianPresent: true };
const woman = (extra: Partial<Patient>): Partial<Patient> => ({ sex: 'female', ...extra });
/** Born 1946 / 1956: 80 and 70 on the test date. */
const aged = (age: 80 | 70): Partial<Patient> => ({ birthDate: age === 80 ? '1946-03-01' : '1956-03-01' });

describe('pediatric: the label\'s mg/kg limits, age bands and "not established"', () => {
  // FDA Pepcid, pediatric dosing: 1-16 years, GERD 1 mg/kg/day in two doses, up to 40 mg twice daily.
  test('famotidine 10 mg twice daily at 6 years, 20 kg (1 mg/kg/day) passes', () =>
    assert.deepEqual(raised(run([item('famotidine', 10, 'mg', 'bid', 14, 'K21.9')], child(6, 20), inPerson), 'PEDIATRIC_DOSE'), []));
  test('famotidine 20 mg twice daily at 6 years, 20 kg (2 mg/kg/day) is over the label', () =>
    assert.deepEqual(raised(run([item('famotidine', 20, 'mg', 'bid', 14, 'K21.9')], child(6, 20), inPerson), 'PEDIATRIC_DOSE'), ['override']));
  // FDA Aldomet, pediatric: at most 65 mg/kg or 3 g daily, whichever is less.
  test('methyldopa 750 mg three times daily at 10 years, 30 kg (75 mg/kg/day) is over the label', () =>
    assert.deepEqual(raised(run([item('methyldopa', 750, 'mg', 'tid', 14, 'I10')], child(10, 30), inPerson), 'PEDIATRIC_DOSE'), ['override']));
  // FDA Livalo 8.4: HeFH from 8 years (up to 4 mg); not established below 8 years.
  test('pitavastatin at 6 years needs a reason, at 10 years 2 mg passes', () => {
    const young = run([item('pitavastatin', 2, 'mg', 'qn', 28, 'E78.0')], child(6, 22), inPerson).filter((a) => a.code === 'PEDIATRIC_DOSE');
    assert.deepEqual(young.map((a) => a.severity), ['override']);
    assert.match(young[0]!.message, /younger than 8 years/);
    assert.deepEqual(raised(run([item('pitavastatin', 2, 'mg', 'qn', 28, 'E78.0')], child(10, 35), inPerson), 'PEDIATRIC_DOSE'), []);
  });
  // FDA Diabeta (glyburide), pediatric use: safety and effectiveness not established.
  test('glibenclamide at 12 years is "not established in children"', () =>
    assert.deepEqual(raised(run([item('glibenclamide', 2.5, 'mg', 'qd', 28, 'E11.9')], child(12, 45), inPerson), 'PEDIATRIC_DOSE'), ['override']));
});

describe('renal: the label\'s limits by kidney function', () => {
  // FDA Claritin: GFR below 30 mL/min, 10 mg every other day.
  test('loratadine 10 mg daily at eGFR 20 needs a reason; at eGFR 60 nothing', () => {
    assert.deepEqual(raised(run([item('loratadine', 10, 'mg', 'qd', 14, 'J30.4')], { eGFR: 20 }), 'RENAL'), ['override']);
    assert.deepEqual(raised(run([item('loratadine', 10, 'mg', 'qd', 14, 'J30.4')], { eGFR: 60 }), 'RENAL'), []);
  });
  // EMA Arava 4.3: contraindicated in moderate to severe renal insufficiency.
  test('leflunomide at eGFR 45 needs a reason', () =>
    assert.deepEqual(raised(run([item('leflunomide', 20, 'mg', 'qd', 28, 'M06.9')], { eGFR: 45 }), 'RENAL'), ['override']));
  // FDA Minocin: in renal impairment the total dose should not exceed 200 mg in 24 hours.
  test('minocycline 100 mg twice daily at eGFR 40 is within the label; 200 mg twice daily is not', () => {
    assert.deepEqual(raised(run([item('minocycline', 100, 'mg', 'bid', 10, 'L70.0')], { eGFR: 40 }), 'RENAL'), []);
    assert.deepEqual(raised(run([item('minocycline', 200, 'mg', 'bid', 10, 'L70.0')], { eGFR: 40 }), 'RENAL'), ['override']);
  });
  // FDA Lantus 8.6: insulin requirements may be reduced in renal impairment (monitor): shown, never blocking.
  test('insulin glargine at eGFR 40 is shown as caution only', () =>
    assert.deepEqual(raised(run([item('insulin-glargine', 20, 'IU', 'qn', 28, 'E11.9', 'subcutaneous')], { eGFR: 40 }), 'RENAL'), ['info']));
  // FDA Requip 2.x: end-stage renal disease on haemodialysis, at most 18 mg a day.
  test('ropinirole 8 mg three times daily at eGFR 10 is over 18 mg a day; 2 mg three times daily is within', () => {
    assert.deepEqual(raised(run([item('ropinirole', 8, 'mg', 'tid', 28, 'G20')], { eGFR: 10 }), 'RENAL'), ['override']);
    assert.deepEqual(raised(run([item('ropinirole', 2, 'mg', 'tid', 28, 'G20')], { eGFR: 10 }), 'RENAL'), []);
  });
});

describe('hepatic: the label\'s statement per Child-Pugh class', () => {
  // FDA Zyrtec: hepatic impairment, 5 mg once daily.
  test('cetirizine 10 mg in Child-Pugh B needs a reason; 5 mg passes', () => {
    assert.deepEqual(raised(run([item('cetirizine', 10, 'mg', 'qd', 14, 'J30.4')], { childPugh: 'B' }), 'HEPATIC'), ['override']);
    assert.deepEqual(raised(run([item('cetirizine', 5, 'mg', 'qd', 14, 'J30.4')], { childPugh: 'B' }), 'HEPATIC'), []);
  });
  // FDA Fycompa 2.x: mild impairment at most 6 mg, moderate at most 4 mg, severe not recommended.
  test('perampanel 8 mg in Child-Pugh A and 6 mg in B need a reason; 4 mg in B passes', () => {
    assert.deepEqual(raised(run([item('perampanel', 8, 'mg', 'qn', 28, 'G40.9')], { childPugh: 'A' }), 'HEPATIC'), ['override']);
    assert.deepEqual(raised(run([item('perampanel', 6, 'mg', 'qn', 28, 'G40.9')], { childPugh: 'B' }), 'HEPATIC'), ['override']);
    assert.deepEqual(raised(run([item('perampanel', 4, 'mg', 'qn', 28, 'G40.9')], { childPugh: 'B' }), 'HEPATIC'), []);
  });
  // EMA Pletal 4.3: contraindicated in moderate or severe hepatic impairment.
  test('cilostazol in Child-Pugh B is blocked; in A it is not', () => {
    assert.deepEqual(raised(run([item('cilostazol', 100, 'mg', 'bid', 28, 'I73.9')], { childPugh: 'B' }), 'HEPATIC'), ['block']);
    assert.deepEqual(raised(run([item('cilostazol', 100, 'mg', 'bid', 28, 'I73.9')], { childPugh: 'A' }), 'HEPATIC'), []);
  });
  // EMA Comtess 4.3: contraindicated in liver impairment.
  test('entacapone in Child-Pugh A is blocked', () =>
    assert.deepEqual(raised(run([item('entacapone', 200, 'mg', 'tid', 28, 'G20')], { childPugh: 'A' }), 'HEPATIC'), ['block']));
  // FDA Keppra 8.x: no dose adjustment in hepatic impairment: cirrhosis raises nothing.
  test('levetiracetam in cirrhosis raises nothing', () =>
    assert.deepEqual(raised(run([item('levetiracetam', 500, 'mg', 'bid', 28, 'G40.9')], { diagnoses: [{ code: 'K74.6', since: '2025-01-15', setting: 'in-person' }, ...adult().patient.diagnoses] }), 'HEPATIC'), []));
});

describe('pregnancy: label contraindications, avoidance and "no restriction"', () => {
  // EMA Plendil 4.3: contraindicated in pregnancy.
  test('felodipine in pregnancy is blocked', () =>
    assert.deepEqual(raised(run([item('felodipine', 5, 'mg', 'qd', 28, 'I10')], woman({ pregnant: true })), 'PREGNANCY'), ['block']));
  // EMA Xalatan 4.6: should not be used during pregnancy.
  test('latanoprost eye drops in pregnancy need a reason', () =>
    assert.deepEqual(raised(run([item('latanoprost', 1.5, 'mcg', 'qn', 28, 'H40.1', 'ophthalmic')], woman({ pregnant: true })), 'PREGNANCY'), ['override']));
  // EMA Madopar 4.3: contraindicated in pregnancy.
  test('levodopa/benserazide in pregnancy is blocked', () =>
    assert.deepEqual(raised(run([item('levodopa-benserazide', 125, 'mg', 'tid', 28, 'G20')], woman({ pregnant: true })), 'PREGNANCY'), ['block']));
  // FDA Norvasc 8.1: no contraindication in pregnancy.
  test('amlodipine in pregnancy raises nothing', () =>
    assert.deepEqual(raised(run([item('amlodipine', 5, 'mg', 'qd', 28, 'I10')], woman({ pregnant: true })), 'PREGNANCY'), []));
});

describe('lactation: label contraindications, avoidance and "no restriction"', () => {
  // FDA Periactin, Contraindications: nursing mothers.
  test('cyproheptadine while breastfeeding is blocked', () =>
    assert.deepEqual(raised(run([item('cyproheptadine', 4, 'mg', 'tid', 7, 'L50.0')], woman({ lactating: true })), 'PREGNANCY'), ['block']));
  // FDA Lyrica 8.2: breastfeeding is not recommended.
  test('pregabalin while breastfeeding needs a reason', () =>
    assert.deepEqual(raised(run([item('pregabalin', 75, 'mg', 'bid', 28, 'G62.9')], woman({ lactating: true })), 'PREGNANCY'), ['override']));
  // EMA Pletal 4.6 (not recommended while breast-feeding) and FDA Lexapro 8.2 (no avoidance).
  test('cilostazol while breastfeeding needs a reason; escitalopram raises nothing', () => {
    assert.deepEqual(raised(run([item('cilostazol', 100, 'mg', 'bid', 28, 'I73.9')], woman({ lactating: true })), 'PREGNANCY'), ['override']);
    assert.deepEqual(raised(run([item('escitalopram', 10, 'mg', 'qd', 28, 'F32.9')], woman({ lactating: true })), 'PREGNANCY'), []);
  });
});

describe('elderly: the labels\' own age limits', () => {
  // EMA Olumiant 4.2: 2 mg once daily is appropriate from 75 years.
  test('baricitinib 4 mg at 80 needs a reason; 2 mg at 80 and 4 mg at 70 raise nothing', () => {
    assert.deepEqual(raised(run([item('baricitinib', 4, 'mg', 'qd', 28, 'M06.9')], aged(80)), 'ELDERLY'), ['override']);
    assert.deepEqual(raised(run([item('baricitinib', 2, 'mg', 'qd', 28, 'M06.9')], aged(80)), 'ELDERLY'), []);
    assert.deepEqual(raised(run([item('baricitinib', 4, 'mg', 'qd', 28, 'M06.9')], aged(70)), 'ELDERLY'), []);
  });
  // EMA Xeljanz 4.4: from 65 years, only if no suitable treatment alternative is available.
  test('tofacitinib at 70 needs a reason', () =>
    assert.deepEqual(raised(run([item('tofacitinib', 5, 'mg', 'bid', 28, 'M06.9')], aged(70)), 'ELDERLY'), ['override']));
  // EMA Diovan 4.2: no dose adjustment in elderly patients: an 80-year-old on valsartan hears nothing for age.
  test('valsartan at 80 raises nothing for age, and the label statement counts for coverage', () => {
    assert.deepEqual(raised(run([item('valsartan', 80, 'mg', 'qd', 28, 'I10')], aged(80)), 'ELDERLY'), []);
    assert.match(knowledge.elderlyNoAdjustment.get('valsartan')?.words ?? '', /No dose adjustment/);
  });
});
