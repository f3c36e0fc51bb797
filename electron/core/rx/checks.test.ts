/**
 * The safety engine against the shipped knowledge, one block per check code of issue 4, each with
 * real drugs, a case that must alert and a case that must not.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPrescription, checkVisit, parseRxCheckInput, parseRxVisitInput, type Lang, type RxAlert } from '../../../shared/rx';
import { loadRxKnowledge } from './loadKnowledge';
import { adult, issueSample, item, type TestInput } from './testInput';

const knowledge = loadRxKnowledge();

function run(input: unknown, lang: Lang = 'en'): RxAlert[] {
  const parsed = parseRxCheckInput(input, knowledge);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  return checkPrescription(parsed.value, knowledge, { lang }).alerts;
}
const codes = (alerts: RxAlert[]): string[] => alerts.map((a) => a.code);
const only = (alerts: RxAlert[], code: string): RxAlert[] => alerts.filter((a) => a.code === code);
function withPatient(input: TestInput, patch: Partial<TestInput['patient']>): TestInput {
  return { ...input, patient: { ...input.patient, ...patch } };
}
function withVisit(input: TestInput, patch: Partial<TestInput['visit']>): TestInput {
  return { ...input, visit: { ...input.visit, ...patch } };
}

describe('clean ordinary prescriptions raise nothing', () => {
  test('the sample input of issue 4', () => assert.deepEqual(run(issueSample), []));
  const cases: [string, ReturnType<typeof item>[]][] = [
    ['amlodipine for hypertension, 4 weeks', [item('amlodipine', 5, 'mg', 'qd', 28, 'I10')]],
    ['metformin, normal renal function', [item('metformin', 500, 'mg', 'bid', 28, 'E11.9')]],
    ['secondary prevention', [item('amlodipine', 5, 'mg', 'qd', 28, 'I10'), item('atorvastatin', 20, 'mg', 'qd', 28, 'I25'), item('aspirin', 100, 'mg', 'qd', 28, 'I25'), item('metoprolol', 47.5, 'mg', 'qd', 28, 'I25', 'po', { release: 'extended' })]],
    ['losartan with hydrochlorothiazide', [item('Losartan', 50, 'mg', 'qd', 28, 'I10'), item('HCTZ', 12.5, 'mg', 'qd', 28, 'I10')]],
    ['amoxicillin for tonsillitis, 7 days', [item('amoxicillin', 500, 'mg', 'tid', 7, 'J02.9')]],
    ['paracetamol by its US name', [item('acetaminophen', 500, 'mg', 'prn', 3, 'R52', 'oral', { maxPerDay: 4 })]],
    ['loratadine for rhinitis', [item('loratadine', 10, 'mg', 'qd', 7, 'J30')]],
    ['salbutamol inhaler for asthma', [item('albuterol', 200, 'mcg', 'prn', 28, 'J45', 'inhalation')]],
    ['levothyroxine', [item('levothyroxine', 50, 'mcg', 'qd', 28, 'E03.9')]],
    ['amoxicillin 0.5 g written in grams', [item('amoxicillin', 0.5, 'g', 'tid', 5, 'J02')]],
  ];
  for (const [name, items] of cases) test(name, () => assert.deepEqual(run(adult(items)), []));
});

describe('HIGH_ALERT', () => {
  test('insulin is high-alert, tier A, info', () => {
    const [a] = only(run(adult([item('insulin glargine', 10, 'IU', 'qd', 28, 'E11', 'sc')])), 'HIGH_ALERT');
    assert.equal(a?.severity, 'info');
    assert.deepEqual(a?.items, [0]);
    assert.match(a?.message ?? '', /tier A/);
  });
  test('intravenous potassium chloride is high-alert, oral is not', () => {
    const iv = adult([item('potassium chloride', 1, 'g', 'qd', 1, 'E87.6', 'iv')]);
    assert.ok(codes(run(iv)).includes('HIGH_ALERT'));
    assert.ok(!codes(run(adult([item('potassium chloride', 1, 'g', 'tid', 5, 'E87.6')]))).includes('HIGH_ALERT'));
  });
  test('oral methotrexate for arthritis is high-alert (tier C)', () => {
    const [a] = only(run(adult([item('methotrexate', 7.5, 'mg', 'qw', 28, 'M06.9')])), 'HIGH_ALERT');
    assert.match(a?.message ?? '', /tier C/);
  });
});

describe('ALLERGY', () => {
  test('penicillin allergy and amoxicillin: override', () => {
    const a = only(run(withPatient(adult([item('amoxicillin', 500, 'mg', 'tid', 7, 'J02')]), { allergies: ['Penicillins'] })), 'ALLERGY');
    assert.deepEqual(a.map((x) => [x.severity, x.items]), [['override', [0]]]);
  });
  test('an allergy to a drug also covers its class (amoxicillin allergy, amoxicillin-clavulanate)', () => {
    assert.equal(only(run(withPatient(adult([item('augmentin', 625, 'mg', 'tid', 7, 'J02')]), { allergies: ['amoxicillin'] })), 'ALLERGY').length, 1);
  });
  test('penicillin allergy cross-reacts with cephalosporins', () => {
    const [a] = only(run(withPatient(adult([item('cefuroxime', 250, 'mg', 'bid', 5, 'J02')]), { allergies: ['penicillin'] })), 'ALLERGY');
    assert.equal(a?.severity, 'override');
    assert.match(a.message, /cross-reactivity/);
  });
  test('an aspirin allergy implies NSAIDs', () => {
    assert.equal(only(run(withPatient(adult([item('ibuprofen', 400, 'mg', 'tid', 5, 'M54.5')]), { allergies: ['Aspirin'] })), 'ALLERGY').length, 1);
  });
  test('sulfa allergy and celecoxib', () => {
    assert.equal(only(run(withPatient(adult([item('celecoxib', 200, 'mg', 'qd', 7, 'M17')]), { allergies: ['sulfa drugs'] })), 'ALLERGY').length, 1);
  });
  test('macrolide, fluoroquinolone and opioid classes', () => {
    const input = withVisit(withPatient(adult([item('azithromycin', 500, 'mg', 'qd', 3, 'J18'), item('levofloxacin', 500, 'mg', 'qd', 5, 'J18'), item('morphine', 10, 'mg', 'q4h', 1, 'R52')]), { allergies: ['macrolides', 'Quinolone', 'opiates'] }), { channel: 'in-person' });
    assert.deepEqual(only(run(input), 'ALLERGY').map((a) => a.items), [[0], [1], [2]]);
  });
  test('no alert for an unrelated class, nor with no known allergies', () => {
    assert.deepEqual(only(run(withPatient(adult([item('azithromycin', 500, 'mg', 'qd', 3, 'J18')]), { allergies: ['penicillin'] })), 'ALLERGY'), []);
  });
  test('allergies not recorded: patient-level info', () => {
    const input = adult([item('amlodipine', 5, 'mg', 'qd', 28, 'I10')]);
    delete input.patient.allergies;
    assert.deepEqual(run(input).map((a) => [a.code, a.severity, a.items]), [['ALLERGY', 'info', []]]);
  });
  test('an allergen we cannot read: info, check manually', () => {
    const [a] = run(withPatient(adult([item('amlodipine', 5, 'mg', 'qd', 28, 'I10')]), { allergies: ['shellfish'] }));
    assert.deepEqual([a?.code, a?.severity, a?.items], ['ALLERGY', 'info', []]);
    assert.match(a!.message, /manually/);
  });
});

describe('INTERACTION', () => {
  test('contraindicated pair blocks (sildenafil with a nitrate)', () => {
    const [a] = only(run(adult([item('isosorbide mononitrate', 60, 'mg', 'qd', 28, 'I25', 'oral', { release: 'extended' }), item('sildenafil', 50, 'mg', 'prn', 7, 'N52')])), 'INTERACTION');
    assert.deepEqual([a?.severity, a?.items], ['block', [0, 1]]);
  });
  test('simvastatin with clarithromycin blocks', () => {
    assert.equal(only(run(adult([item('simvastatin', 20, 'mg', 'qn', 28, 'E78'), item('clarithromycin', 500, 'mg', 'bid', 7, 'J18')])), 'INTERACTION')[0]?.severity, 'block');
  });
  test('major with an active medication: override, only the item is named', () => {
    const [a] = only(run(withPatient(adult([item('ibuprofen', 400, 'mg', 'tid', 5, 'M54.5')]), { activeMedications: [{ drug: 'warfarin' }] })), 'INTERACTION');
    assert.deepEqual([a?.severity, a?.items], ['override', [0]]);
    assert.match(a!.message, /active medication/);
  });
  test('moderate: info (levothyroxine with omeprazole)', () => {
    assert.equal(only(run(adult([item('levothyroxine', 50, 'mcg', 'qd', 28, 'E03'), item('omeprazole', 20, 'mg', 'qd', 7, 'K21')])), 'INTERACTION')[0]?.severity, 'info');
  });
  test('one alert per pair, even when the drug is both an item and an active medication', () => {
    const input = withPatient(adult([item('warfarin', 3, 'mg', 'qd', 28, 'I48'), item('ibuprofen', 400, 'mg', 'tid', 5, 'M54.5')]), { activeMedications: [{ drug: 'warfarin' }] });
    assert.deepEqual(only(run(input), 'INTERACTION').map((a) => a.items), [[0, 1]]);
  });
  test('interactions among active medications alone are not raised', () => {
    const input = withPatient(adult([item('amlodipine', 5, 'mg', 'qd', 28, 'I10')]), { activeMedications: [{ drug: 'warfarin' }, { drug: 'amiodarone' }] });
    assert.deepEqual(run(input), []);
  });
});

describe('DUPLICATE_THERAPY', () => {
  test('two NSAIDs', () => {
    const [a] = only(run(adult([item('ibuprofen', 400, 'mg', 'tid', 5, 'M54.5'), item('diclofenac', 50, 'mg', 'tid', 5, 'M54.5')])), 'DUPLICATE_THERAPY');
    assert.deepEqual([a?.severity, a?.items], ['override', [0, 1]]);
  });
  test('a new ARB while another ARB is active', () => {
    assert.equal(only(run(withPatient(adult([item('valsartan', 80, 'mg', 'qd', 28, 'I10')]), { activeMedications: [{ drug: 'losartan' }] })), 'DUPLICATE_THERAPY').length, 1);
  });
  test('renewing an active medication is not a duplicate', () => {
    assert.deepEqual(run(withPatient(adult([item('amlodipine', 5, 'mg', 'qd', 28, 'I10')]), { activeMedications: [{ drug: 'amlodipine' }] })), []);
  });
});

describe('DOSE_SINGLE_MAX / DOSE_DAILY_MAX', () => {
  test('single dose above the maximum', () => {
    assert.deepEqual(codes(run(adult([item('amlodipine', 20, 'mg', 'qd', 28, 'I10')]))), ['DOSE_SINGLE_MAX']);
  });
  test('daily dose above the maximum', () => {
    assert.deepEqual(codes(run(adult([item('amlodipine', 10, 'mg', 'bid', 28, 'I10')]))), ['DOSE_DAILY_MAX']);
    assert.deepEqual(codes(run(adult([item('paracetamol', 1000, 'mg', 'q4h', 3, 'R52')]))), ['DOSE_DAILY_MAX']);
  });
  test('at the maximum is fine', () => assert.deepEqual(run(adult([item('amlodipine', 10, 'mg', 'qd', 28, 'I10')])), []));
  test('by form: 40 mg nifedipine is over the immediate-release limit only', () => {
    assert.deepEqual(codes(run(adult([item('nifedipine', 40, 'mg', 'qd', 28, 'I10', 'oral', { release: 'immediate' })]))), ['DOSE_SINGLE_MAX']);
    assert.deepEqual(run(adult([item('nifedipine', 60, 'mg', 'qd', 28, 'I10', 'oral', { release: 'extended' })])), []);
  });
  test('mL converts through the concentration (40 mL of paracetamol suspension)', () => {
    assert.ok(codes(run(adult([item('paracetamol', 40, 'mL', 'q6h', 3, 'R52')]))).includes('DOSE_SINGLE_MAX'));
    assert.deepEqual(run(adult([item('paracetamol', 15, 'mL', 'q6h', 3, 'R52')])), []);
  });
  test('grams convert: 2 g amoxicillin in one dose', () => {
    assert.ok(codes(run(adult([item('amoxicillin', 2, 'g', 'bid', 5, 'J02')]))).includes('DOSE_SINGLE_MAX'));
  });
  test('weekly drugs are checked per week (methotrexate twice weekly, 30 mg/week)', () => {
    const a = run(adult([item('methotrexate', 15, 'mg', 'biw', 28, 'M06')]));
    assert.deepEqual(codes(a), ['DOSE_DAILY_MAX', 'HIGH_ALERT']);
    assert.match(a[0]!.message, /weekly/);
  });
  test('prn without maxPerDay is checked per dose only', () => {
    assert.deepEqual(run(adult([item('ibuprofen', 800, 'mg', 'prn', 3, 'M54.5')])), []);
    assert.deepEqual(codes(run(adult([item('ibuprofen', 800, 'mg', 'prn', 3, 'M54.5', 'oral', { maxPerDay: 6 })]))), ['DOSE_DAILY_MAX']);
  });
});

describe('FREQUENCY', () => {
  test('daily oral methotrexate for arthritis', () => {
    const a = run(adult([item('methotrexate', 7.5, 'mg', 'qd', 28, 'M06.9')]));
    assert.deepEqual(only(a, 'FREQUENCY').map((x) => [x.severity, x.items]), [['override', [0]]]);
  });
  test('weekly methotrexate is fine', () => {
    assert.deepEqual(only(run(adult([item('methotrexate', 7.5, 'mg', 'qw', 28, 'M06.9')])), 'FREQUENCY'), []);
  });
});

describe('PEDIATRIC_DOSE', () => {
  const child = (items: ReturnType<typeof item>[], weightKg?: number): TestInput => {
    const input = withVisit(withPatient(adult(items), { birthDate: '2018-03-01', weightKg }), { guardianPresent: true });
    if (weightKg === undefined) delete input.patient.weightKg;
    return input;
  };
  test('mg/kg per dose exceeded (500 mg paracetamol at 20 kg)', () => {
    const [a] = run(child([item('paracetamol', 500, 'mg', 'q6h', 3, 'R52')], 20));
    assert.deepEqual([a?.code, a?.severity], ['PEDIATRIC_DOSE', 'override']);
  });
  test('within mg/kg limits', () => assert.deepEqual(run(child([item('paracetamol', 240, 'mg', 'q6h', 3, 'R52')], 20)), []));
  test('weight missing', () => {
    assert.deepEqual(codes(run(child([item('ibuprofen', 100, 'mg', 'tid', 3, 'R52')]))), ['PEDIATRIC_DOSE']);
  });
  test('below the minimum age (levofloxacin at 8)', () => {
    assert.ok(codes(run(child([item('levofloxacin', 250, 'mg', 'qd', 5, 'J18')], 25))).includes('PEDIATRIC_DOSE'));
  });
  test('adults are not checked per kg', () => assert.deepEqual(run(adult([item('paracetamol', 1000, 'mg', 'q6h', 3, 'R52')])), []));
});

describe('RENAL', () => {
  test('metformin below eGFR 30: override', () => {
    assert.deepEqual(run(withPatient(adult([item('metformin', 500, 'mg', 'bid', 28, 'E11')]), { eGFR: 25 })).map((a) => [a.code, a.severity]), [['RENAL', 'override']]);
  });
  test('a reduced dose meets a "reduce" rule (metformin 1,000 mg/day at eGFR 40)', () => {
    assert.deepEqual(run(withPatient(adult([item('metformin', 500, 'mg', 'bid', 28, 'E11')]), { eGFR: 40 })), []);
    assert.deepEqual(codes(run(withPatient(adult([item('metformin', 1000, 'mg', 'bid', 28, 'E11')]), { eGFR: 40 }))), ['RENAL']);
  });
  test('eGFR missing with a drug that has renal rules: info', () => {
    const input = adult([item('metformin', 500, 'mg', 'bid', 28, 'E11')]);
    delete input.patient.eGFR;
    assert.deepEqual(run(input).map((a) => [a.code, a.severity, a.items]), [['RENAL', 'info', [0]]]);
  });
  test('eGFR missing with a drug without renal rules: nothing', () => {
    const input = adult([item('amlodipine', 5, 'mg', 'qd', 28, 'I10')]);
    delete input.patient.eGFR;
    assert.deepEqual(run(input), []);
  });
});

describe('PREGNANCY', () => {
  const woman = (items: ReturnType<typeof item>[], patch: Partial<TestInput['patient']>): TestInput => withPatient(adult(items), { sex: 'female', ...patch });
  test('isotretinoin in pregnancy blocks', () => {
    assert.deepEqual(only(run(woman([item('isotretinoin', 20, 'mg', 'qd', 28, 'L70')], { pregnant: true })), 'PREGNANCY').map((a) => a.severity), ['block']);
  });
  test('an NSAID in pregnancy needs a reason', () => {
    assert.deepEqual(only(run(woman([item('ibuprofen', 400, 'mg', 'tid', 3, 'M54.5')], { pregnant: true })), 'PREGNANCY').map((a) => a.severity), ['override']);
  });
  test('methotrexate while breastfeeding blocks', () => {
    assert.deepEqual(only(run(woman([item('methotrexate', 7.5, 'mg', 'qw', 28, 'M06')], { lactating: true })), 'PREGNANCY').map((a) => a.severity), ['block']);
  });
  test('not pregnant: nothing', () => assert.deepEqual(run(woman([item('isotretinoin', 20, 'mg', 'qd', 7, 'L70')], { pregnant: false })), []));
});

describe('CONTROLLED', () => {
  test('zolpidem online blocks', () => {
    assert.deepEqual(only(run(adult([item('zolpidem', 10, 'mg', 'qn', 7, 'G47')])), 'CONTROLLED').map((a) => [a.severity, a.items]), [['block', [0]]]);
  });
  test('zolpidem in person: allowed', () => assert.deepEqual(run(withVisit(adult([item('zolpidem', 10, 'mg', 'qn', 7, 'G47')]), { channel: 'in-person' })), []));
  test('tramadol is a class II psychotropic in China', () => {
    assert.ok(codes(run(adult([item('tramadol', 50, 'mg', 'q6h', 3, 'M54.5')]))).includes('CONTROLLED'));
  });
});

describe('GUARDIAN', () => {
  const small = (patch: Partial<TestInput['visit']>): TestInput =>
    withVisit(withPatient(adult([item('loratadine', 5, 'mg', 'qd', 5, 'J30')]), { birthDate: '2022-01-10', weightKg: 16 }), patch);
  test('a 4-year-old online without a guardian: patient-level block', () => {
    assert.deepEqual(run(small({})).map((a) => [a.code, a.severity, a.items]), [['GUARDIAN', 'block', []]]);
  });
  test('guardian present', () => assert.deepEqual(run(small({ guardianPresent: true })), []));
  test('in person', () => assert.deepEqual(run(small({ channel: 'in-person' })), []));
});

describe('DURATION', () => {
  test('general limit of 7 days', () => {
    assert.deepEqual(run(adult([item('loratadine', 10, 'mg', 'qd', 10, 'J30')])).map((a) => [a.code, a.severity]), [['DURATION', 'override']]);
  });
  test('emergency limit of 3 days', () => {
    assert.deepEqual(codes(run(withVisit(adult([item('loratadine', 10, 'mg', 'qd', 5, 'J30')]), { emergency: true }))), ['DURATION']);
  });
  test('chronic: 4 weeks silent, 8 weeks info, 16 weeks override', () => {
    const at = (days: number): string[] => run(adult([item('amlodipine', 5, 'mg', 'qd', days, 'I10')])).map((a) => `${a.code}:${a.severity}`);
    assert.deepEqual(at(28), []);
    assert.deepEqual(at(56), ['DURATION:info']);
    assert.deepEqual(at(112), ['DURATION:override']);
  });
  test('antibiotics never get long prescriptions, even for a chronic condition', () => {
    assert.deepEqual(codes(run(adult([item('azithromycin', 250, 'mg', 'qd', 28, 'J45')]))), ['DURATION']);
  });
  test('controlled drugs in person: at most 7 days', () => {
    assert.deepEqual(codes(run(withVisit(adult([item('zolpidem', 10, 'mg', 'qn', 14, 'G47')]), { channel: 'in-person' }))), ['DURATION']);
  });
});

describe('ITEM_COUNT', () => {
  const six = [
    item('amlodipine', 5, 'mg', 'qd', 28, 'I10'), item('atorvastatin', 20, 'mg', 'qd', 28, 'E78'), item('metformin', 500, 'mg', 'bid', 28, 'E11'),
    item('aspirin', 100, 'mg', 'qd', 28, 'I25'), item('levothyroxine', 50, 'mcg', 'qd', 28, 'E03'), item('loratadine', 10, 'mg', 'qd', 7, 'J30'),
  ];
  test('six drugs on one prescription block, naming the sixth', () => {
    assert.deepEqual(run(adult(six)).map((a) => [a.code, a.severity, a.items]), [['ITEM_COUNT', 'block', [5]]]);
  });
  test('five is fine', () => assert.deepEqual(run(adult(six.slice(0, 5))), []));
  test('split into two prescriptions of one visit: no ITEM_COUNT, and checks run across both', () => {
    const base = adult();
    const raw = { date: base.date, patient: base.patient, visit: base.visit, prescriptions: [{ items: six.slice(0, 5) }, { items: [item('ibuprofen', 400, 'mg', 'tid', 5, 'M54.5')] }] };
    const parsed = parseRxVisitInput(raw, knowledge);
    assert.ok(parsed.ok);
    const alerts = checkVisit(parsed.value, knowledge, { lang: 'en' }).alerts;
    assert.ok(!alerts.some((a) => a.code === 'ITEM_COUNT'));
    const interaction = alerts.find((a) => a.code === 'INTERACTION');
    assert.deepEqual(interaction?.items, [{ prescription: 0, item: 3 }, { prescription: 1, item: 0 }]);
  });
});

describe('NOT_FOLLOW_UP', () => {
  const onlineOnly = (): TestInput => withPatient(adult([item('amlodipine', 5, 'mg', 'qd', 28, 'I10')]), { diagnoses: [{ code: 'I10', since: '2026-10-01', setting: 'online' }] });
  test('no prior in-person diagnosis in the category: block, whatever the visit claims', () => {
    assert.deepEqual(run(onlineOnly()).map((a) => [a.code, a.severity, a.items]), [['NOT_FOLLOW_UP', 'block', [0]]]);
  });
  test('same 3-character category counts (I10 diagnosis, I10.x indication)', () => {
    assert.deepEqual(run(withPatient(adult([item('amlodipine', 5, 'mg', 'qd', 28, 'I10.X00')]), { diagnoses: [{ code: 'I10', since: '2025-01-01', setting: 'in-person' }] })), []);
  });
  test('in-person prescribing is not concerned', () => assert.deepEqual(run(withVisit(onlineOnly(), { channel: 'in-person' })), []));
  test('a configured first-visit pilot department is exempt', async () => {
    const { compileKnowledge } = await import('../../../shared/rx');
    const { loadRxKnowledgeFiles } = await import('./loadKnowledge');
    const files = loadRxKnowledgeFiles();
    const piloted = compileKnowledge({ ...files, firstVisitPilot: { file: 'test', data: { departments: ['Dermatology'] } } });
    const parsed = parseRxCheckInput(withVisit(onlineOnly(), { department: 'dermatology', kind: 'first-visit' }), piloted);
    assert.ok(parsed.ok);
    assert.deepEqual(checkPrescription(parsed.value, piloted).alerts, []);
  });
});

describe('UNKNOWN_DRUG', () => {
  test('not in the formulary: block', () => {
    assert.deepEqual(run(adult([item('unobtainium', 5, 'mg', 'qd', 7, 'I10')])).map((a) => [a.code, a.severity, a.items]), [['UNKNOWN_DRUG', 'block', [0]]]);
  });
  test('names, synonyms, codes and Chinese names resolve', () => {
    for (const name of ['PARACETAMOL', 'Tylenol', 'insulin-glargine', '氨氯地平', 'Amoxicillin/Clavulanate'])
      assert.ok(!codes(run(adult([item(name, name.startsWith('insulin') ? 10 : 500, name.startsWith('insulin') ? 'IU' : 'mg', 'qd', 3, 'I10', name.startsWith('insulin') ? 'sc' : 'oral')]))).includes('UNKNOWN_DRUG'), name);
  });
});

describe('ordering and language', () => {
  test('block, then override, then info; patient-level first within a severity', () => {
    const input = withPatient(adult([item('amlodipine', 20, 'mg', 'qd', 28, 'I10'), item('zolpidem', 10, 'mg', 'qn', 7, 'G47'), item('insulin aspart', 6, 'IU', 'tid', 28, 'E11', 'sc')]), { birthDate: '2021-06-01', weightKg: 20 });
    const alerts = run(input);
    const rank = { block: 0, override: 1, info: 2 } as const;
    for (let i = 1; i < alerts.length; i++) assert.ok(rank[alerts[i - 1]!.severity] <= rank[alerts[i]!.severity]);
    assert.deepEqual(alerts[0]?.items, []); // GUARDIAN, patient-level block
  });
  test('Chinese by default, English on request; every alert names its source', () => {
    const input = adult([item('amlodipine', 20, 'mg', 'qd', 28, 'I10')]);
    const [zh] = run(input, 'zh');
    const [en] = run(input, 'en');
    assert.match(zh!.message, /氨氯地平/);
    assert.match(en!.message, /amlodipine/);
    assert.match(zh!.source, /Norvasc/);
  });
});
