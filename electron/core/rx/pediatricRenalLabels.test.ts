/**
 * Issue 13, "pediatric" and "renal": prescriptions for children and for impaired kidneys written
 * from the drug labels (each scenario names the label and section it follows), checked against the
 * shipped knowledge. The expected results are what the label allows, not what the knowledge holds.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPrescription, parseRxCheckInput, type RxAlert } from '../../../shared/rx';
import { loadRxKnowledge } from './loadKnowledge';
import { adult, item, type ItemInput, type TestInput } from './testInput';

const knowledge = loadRxKnowledge();
const today = '2026-11-25';

/** A child of `months` months (birth date counted back from the prescription date) seen in person with a guardian. */
function child(months: number, weightKg: number | undefined, items: ItemInput[]): TestInput {
  const input = adult(items);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  input.patient.birthDate = `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (weightKg === undefined) delete input.patient.weightKg;
  else input.patient.weightKg = weightKg;
  input.visit = { ...input.visit, channel: 'in-person', guardianPresent: true };
  return input;
}
const years = (n: number): number => n * 12;

function pediatric(input: TestInput): RxAlert[] {
  const parsed = parseRxCheckInput(input, knowledge);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  return checkPrescription(parsed.value, knowledge, { lang: 'en' }).alerts.filter((a) => a.code === 'PEDIATRIC_DOSE');
}
/** "block:min-age", "override:not-established", "override:weight-missing", or "override:limit" for a dose limit. */
const kinds = (alerts: RxAlert[]): string[] => alerts.map((a) => `${a.severity}:${/^\d/.test(a.key.split(':')[1]!) ? 'limit' : a.key.split(':')[1]}`);

describe('a child dose within the label\'s band passes', () => {
  // FDA Amoxil 2.2: from 3 months, mild/moderate infections 25 mg/kg/day in two doses, severe 45 mg/kg/day in two doses.
  test('amoxicillin 45 mg/kg/day in two doses at 5 years, 20 kg', () =>
    assert.deepEqual(pediatric(child(years(5), 20, [item('amoxicillin', 450, 'mg', 'bid', 7, 'J02.9')])), []));
  // FDA Children's Motrin / ibuprofen suspension: 10 mg/kg every 6–8 h, at most 40 mg/kg/day, from 6 months.
  test('ibuprofen 10 mg/kg three times daily at 3 years, 15 kg', () =>
    assert.deepEqual(pediatric(child(years(3), 15, [item('ibuprofen', 150, 'mg', 'tid', 3, 'R52')])), []));
  // FDA Singulair 2.1: 4 mg once daily for 2–5 years (asthma).
  test('montelukast 4 mg once daily at 4 years', () =>
    assert.deepEqual(pediatric(child(years(4), 16, [item('montelukast', 4, 'mg', 'qn', 28, 'J45.9')])), []));
  // FDA Keppra 2.2: 6 months to under 16 years, 10 mg/kg twice daily, up to 30 mg/kg twice daily.
  test('levetiracetam 20 mg/kg twice daily at 10 years, 30 kg', () =>
    assert.deepEqual(pediatric(child(years(10), 30, [item('levetiracetam', 600, 'mg', 'bid', 28, 'G40.9')])), []));
});

describe('above the label\'s limits is raised', () => {
  // FDA Amoxil 2.2: at most 45 mg/kg/day (AAP 2013 high dose for otitis media 90 mg/kg/day); 150 mg/kg/day is above both.
  test('amoxicillin 1 g three times daily at 5 years, 20 kg (150 mg/kg/day)', () => {
    const alerts = pediatric(child(years(5), 20, [item('amoxicillin', 1000, 'mg', 'tid', 7, 'J02.9')]));
    assert.deepEqual(kinds(alerts), ['override:limit']);
    assert.match(alerts[0]!.message, /mg\/kg/);
  });
  // FDA Keppra 2.2: at most 30 mg/kg twice daily (60 mg/kg/day) from 6 months.
  test('levetiracetam 50 mg/kg twice daily at 10 years, 30 kg', () =>
    assert.deepEqual(kinds(pediatric(child(years(10), 30, [item('levetiracetam', 1500, 'mg', 'bid', 28, 'G40.9')]))), ['override:limit']));
  // FDA Zyrtec syrup: 2–5 years, 2.5 mg once daily, at most 5 mg a day.
  test('cetirizine 10 mg once daily at 3 years is over the 5 mg/day of the 2–5 band', () => {
    const alerts = pediatric(child(years(3), 14, [item('cetirizine', 10, 'mg', 'qd', 14, 'J30.4')]));
    assert.deepEqual(kinds(alerts), ['override:limit']);
    assert.match(alerts[0]!.message, /10 mg per day .* 5 mg per day \(2 years to under 6 years\)/);
  });
  // FDA Singulair 2.1: 10 mg is the dose from 15 years; 4 mg at 2–5.
  test('montelukast 10 mg at 4 years is raised', () =>
    assert.deepEqual(kinds(pediatric(child(years(4), 16, [item('montelukast', 10, 'mg', 'qn', 28, 'J45.9')]))), ['override:limit']));
  // FDA Cefixime (Suprax) 2.2: 8 mg/kg/day, children over 45 kg or older than 12 take the adult 400 mg/day.
  test('cefixime 8 mg/kg twice daily (16 mg/kg/day) at 6 years, 20 kg', () =>
    assert.deepEqual(kinds(pediatric(child(years(6), 20, [item('cefixime', 160, 'mg', 'bid', 7, 'J02.9')]))), ['override:limit']));
});

describe('below the minimum age the order is blocked with the label\'s words', () => {
  // FDA codeine-containing products (2017 Drug Safety Communication; label 4): contraindicated under 12 years.
  test('codeine at 8 years', () => {
    const alerts = pediatric(child(years(8), 25, [item('codeine', 15, 'mg', 'tid', 3, 'R05')]));
    assert.deepEqual(kinds(alerts), ['block:min-age']);
    assert.match(alerts[0]!.message, /Contraindicated in children younger than 12 years/);
  });
  // FDA Ultram 4: contraindicated in children younger than 12 years.
  test('tramadol at 10 years', () =>
    assert.deepEqual(kinds(pediatric(child(years(10), 30, [item('tramadol', 50, 'mg', 'bid', 3, 'R52')]))), ['block:min-age']));
  // FDA Imodium 4: contraindicated in pediatric patients less than 2 years.
  test('loperamide at 18 months', () =>
    assert.deepEqual(kinds(pediatric(child(18, 11, [item('loperamide', 2, 'mg', 'bid', 2, 'A09')]))), ['block:min-age']));
  // FDA Bactrim 4: contraindicated in pediatric patients less than 2 months of age.
  test('sulfamethoxazole-trimethoprim at 1 month', () =>
    assert.deepEqual(kinds(pediatric(child(1, 4, [item('sulfamethoxazole-trimethoprim', 240, 'mg', 'bid', 5, 'N39.0')]))), ['block:min-age']));
  test('the Chinese message quotes the label too', () => {
    const parsed = parseRxCheckInput(child(years(8), 25, [item('codeine', 15, 'mg', 'tid', 3, 'R05')]), knowledge);
    assert.ok(parsed.ok);
    const alert = checkPrescription(parsed.value, knowledge, { lang: 'zh' }).alerts.find((a) => a.code === 'PEDIATRIC_DOSE');
    assert.match(alert?.message ?? '', /12岁以下儿童禁用/);
  });
});

describe('"not established in children" is its own alert, overridable with a reason', () => {
  // FDA Xanax 8.4: safety and effectiveness not established in individuals below 18 years.
  test('alprazolam at 10 years', () =>
    assert.deepEqual(kinds(pediatric(child(years(10), 32, [item('alprazolam', 0.25, 'mg', 'bid', 7, 'F41.1')]))), ['override:not-established']));
  // Ibuprofen suspension label: not established under 6 months (ask a doctor).
  test('ibuprofen at 4 months', () =>
    assert.deepEqual(kinds(pediatric(child(4, 6, [item('ibuprofen', 50, 'mg', 'tid', 3, 'R50.9')]))), ['override:not-established']));
  // FDA Singulair 8.4: not established under 12 months for asthma.
  test('montelukast at 9 months', () =>
    assert.deepEqual(kinds(pediatric(child(9, 8, [item('montelukast', 4, 'mg', 'qn', 14, 'J45.9')]))), ['override:not-established']));
});

describe('the weight', () => {
  // Weight-based labels (FDA Tylenol/Ofirmev: 15 mg/kg) cannot be checked without it.
  test('paracetamol for a 5-year-old without a weight asks for it', () => {
    const alerts = pediatric(child(years(5), undefined, [item('paracetamol', 240, 'mg', 'q6h', 3, 'R50.9')]));
    assert.deepEqual(kinds(alerts), ['override:weight-missing']);
  });
  // FDA Singulair: fixed 4 mg for 2–5 years, so no weight is needed.
  test('a fixed-dose band does not ask for the weight', () =>
    assert.deepEqual(pediatric(child(years(4), undefined, [item('montelukast', 4, 'mg', 'qn', 28, 'J45.9')])), []));
  test('from 14 years the adult limits apply', () =>
    assert.deepEqual(pediatric(child(years(14), 50, [item('codeine', 15, 'mg', 'tid', 3, 'R05')])), []));
});

function renal(eGFR: number, items: ItemInput[]): RxAlert[] {
  const input = adult(items);
  input.patient.eGFR = eGFR;
  const parsed = parseRxCheckInput(input, knowledge);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  return checkPrescription(parsed.value, knowledge, { lang: 'en' }).alerts.filter((a) => a.code === 'RENAL');
}

describe('renal reductions at an eGFR, as the label states them', () => {
  // FDA Keppra 2.6: CrCl 30–50 mL/min, 250–750 mg every 12 hours.
  test('levetiracetam 500 mg twice daily at eGFR 40 is within the reduced dose', () =>
    assert.deepEqual(renal(40, [item('levetiracetam', 500, 'mg', 'bid', 28, 'G40.9')]), []));
  test('levetiracetam 1000 mg twice daily at eGFR 40 is raised', () =>
    assert.equal(renal(40, [item('levetiracetam', 1000, 'mg', 'bid', 28, 'G40.9')]).length, 1));
  // FDA Glucophage 4: contraindicated with eGFR below 30.
  test('metformin at eGFR 25 is raised whatever the dose', () =>
    assert.equal(renal(25, [item('metformin', 500, 'mg', 'qd', 28, 'E11.9')]).length, 1));
  // FDA Januvia 2.2: eGFR 30–45, 50 mg once daily.
  test('sitagliptin 100 mg at eGFR 35 is raised; 50 mg is not', () => {
    assert.equal(renal(35, [item('sitagliptin', 100, 'mg', 'qd', 28, 'E11.9')]).length, 1);
    assert.deepEqual(renal(35, [item('sitagliptin', 50, 'mg', 'qd', 28, 'E11.9')]), []);
  });
  // FDA Lyrica 2.5: CrCl 30–60 mL/min, 75–300 mg/day.
  test('pregabalin 300 mg twice daily at eGFR 45 is raised', () =>
    assert.equal(renal(45, [item('pregabalin', 300, 'mg', 'bid', 28, 'G62.9')]).length, 1));
});
