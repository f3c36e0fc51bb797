import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readTemplateFiles } from '../../../common/emr/templateFiles';
import { compileCatalogue } from '../../../shared/emr/catalogue';
import { evaluateForm } from '../../../shared/emr/evaluate';
import { compileTemplate, TemplateError, type Template } from '../../../shared/emr/template';
import { checkRecord } from '../../../shared/emr/validation';
import { completeHypertensionFollowUp } from './emrTestKit';

const templates = compileCatalogue(readTemplateFiles());
const byId = (id: string): Template => templates.find((t) => t.id === id)!;
const htn = byId('hypertension-follow-up');
const general = byId('outpatient-general');
const child = byId('child-growth-follow-up');
const dm = byId('t2dm-follow-up');
const codes = (t: Template, answers: Parameters<typeof checkRecord>[1]) => checkRecord(t, answers, 'en').errors.map((e) => `${e.linkId}:${e.code}`);

const completeHtn = completeHypertensionFollowUp;

test('the four shipped templates compile, each with sources and the ICD-10 picker resolved', () => {
  assert.deepEqual(templates.map((t) => t.id).sort(), ['child-growth-follow-up', 'hypertension-follow-up', 'outpatient-general', 't2dm-follow-up']);
  for (const t of templates) assert.ok(t.sources.length > 0, `${t.id} cites its sources`);
  const picker = general.fields.find((f) => f.linkId === 'diagnosis')!;
  assert.ok(picker.options.some((o) => o.code === 'I10' && o.display.zh.includes('高血压')));
  for (const section of ['chief-complaint', 'hpi', 'past-history', 'allergy', 'exam', 'auxiliary', 'diagnosis', 'plan', 'advice']) {
    assert.ok(general.fields.some((f) => f.linkId === section), `general record has ${section}`);
  }
});

test('a complete hypertension follow-up has no errors; an empty required field is named with a message in the user language', () => {
  assert.deepEqual(codes(htn, completeHtn), []);
  const { 'chief-complaint': _, ...missing } = completeHtn;
  const en = checkRecord(htn, missing, 'en').errors;
  assert.deepEqual(en.map((e) => [e.linkId, e.code]), [['chief-complaint', 'required']]);
  assert.equal(en[0]!.message, 'Chief complaint is required.');
  assert.equal(checkRecord(htn, missing, 'zh').errors[0]!.message, '请填写“主诉”。');
  // Blank text counts as missing.
  assert.deepEqual(codes(htn, { ...completeHtn, plan: ['   '] }), ['plan:required']);
});

test('ranges, integers, options, dates and unknown fields are refused at the field', () => {
  assert.deepEqual(codes(htn, { ...completeHtn, sbp: [320] }), ['sbp:above-max']);
  assert.deepEqual(codes(htn, { ...completeHtn, dbp: [20] }), ['dbp:below-min']);
  assert.deepEqual(codes(htn, { ...completeHtn, sbp: [140.5] }), ['sbp:not-integer']);
  assert.deepEqual(codes(htn, { ...completeHtn, sbp: ['high'] }), ['sbp:wrong-type']);
  assert.deepEqual(codes(htn, { ...completeHtn, adherence: ['sometimes'] }), ['adherence:not-an-option']);
  assert.deepEqual(codes(htn, { ...completeHtn, adherence: ['regular', 'none'] }), ['adherence:too-many']);
  assert.deepEqual(codes(htn, { ...completeHtn, 'next-visit': ['2026-02-30'] }), ['next-visit:not-a-date']);
  assert.deepEqual(codes(htn, { ...completeHtn, 'no-such-field': ['x'] }), ['no-such-field:unknown-field']);
  assert.match(checkRecord(htn, { ...completeHtn, sbp: [320] }, 'zh').errors[0]!.message, /不能高于 300 mmHg/);
});

test('enableWhen: the adverse reaction detail is required only when a reaction is reported, and dropped otherwise', () => {
  assert.deepEqual(codes(htn, { ...completeHtn, 'adverse-reaction': [true] }), ['adverse-detail:required']);
  assert.deepEqual(codes(htn, { ...completeHtn, 'adverse-reaction': [true], 'adverse-detail': ['踝部水肿'] }), []);
  const dropped = checkRecord(htn, { ...completeHtn, 'adverse-detail': ['left from before'] }, 'en');
  assert.deepEqual(dropped.errors, []);
  assert.equal(dropped.answers['adverse-detail'], undefined);
  assert.equal(dropped.enabled.has('adverse-detail'), false);
});

test('enableWhen on numbers and FHIRPath enableWhenExpression: head circumference to 36 months, development before 72', () => {
  const base = { 'chief-complaint': ['体检'], weight: [12], height: [86], 'vaccines-up-to-date': [true], 'growth-assessment': ['normal'], guidance: ['按时接种'] };
  const toddler = evaluateForm(child, { ...base, 'age-months': [24] });
  assert.ok(toddler.enabled.has('head-circumference'));
  assert.ok(toddler.enabled.has('gross-motor'));
  assert.equal(toddler.enabled.has('feeding'), false);
  const schoolChild = evaluateForm(child, { ...base, 'age-months': [96] });
  assert.equal(schoolChild.enabled.has('head-circumference'), false);
  assert.equal(schoolChild.enabled.has('development'), false);
  assert.equal(schoolChild.enabled.has('gross-motor'), false);
  assert.deepEqual(codes(child, { ...base, 'age-months': [24] }), ['gross-motor:required', 'fine-motor:required', 'language:required', 'social:required']);
  assert.deepEqual(codes(child, { ...base, 'age-months': [96] }), []);
  // A missed vaccination needs its note.
  assert.deepEqual(codes(child, { ...base, 'age-months': [96], 'vaccines-up-to-date': [false] }), ['vaccine-note:required']);
  // The HbA1c date is asked once an HbA1c is entered.
  const glucose = { ...completeHtn, 'fasting-glucose': [7.8], hypoglycaemia: ['none'] };
  assert.deepEqual(codes(dm, glucose), []);
  assert.deepEqual(codes(dm, { ...glucose, hba1c: [7.4] }), ['hba1c-date:required']);
});

test('calculated fields are recomputed from the inputs: a BMI sent by the renderer is replaced', () => {
  const checked = checkRecord(htn, { ...completeHtn, bmi: [99] }, 'en');
  assert.deepEqual(checked.answers.bmi, [22.9]);
  assert.deepEqual(checked.answers['bp-at-target'], [false]);
  assert.deepEqual(checkRecord(htn, { ...completeHtn, sbp: [128], dbp: [78] }, 'en').answers['bp-at-target'], [true]);
  const noHeight = checkRecord(htn, { ...completeHtn, height: [], bmi: [22] }, 'en');
  assert.equal(noHeight.answers.bmi, undefined, 'no BMI without a height');
  assert.deepEqual(checkRecord(child, { weight: [12], height: [86] }, 'en').answers.bmi, [16.2]);
});

test('a template outside the supported subset is refused, naming the item', () => {
  const bad = (item: object) => () => compileTemplate({ resourceType: 'Questionnaire', id: 'x', version: '1', url: 'https://x.example/q', status: 'active', title: 't', item: [item] } as never);
  assert.throws(bad({ linkId: 'a', type: 'attachment', text: 'A' }), (e: unknown) => e instanceof TemplateError && /item a: type attachment/.test(e.message));
  assert.throws(bad({ linkId: 'a', type: 'string', text: 'A', enableWhen: [{ question: 'nowhere', operator: 'exists', answerBoolean: true }] }), /unknown item nowhere/);
  assert.throws(bad({ linkId: 'a', type: 'choice', text: 'A' }), /a choice needs options/);
});
