import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readTemplateFiles } from '../../../common/emr/templateFiles';
import { compileCatalogue } from '../../../shared/emr/catalogue';
import { buildCodeIndex, isIcd10Field, searchCodes } from '../../../shared/emr/codeSearch';
import { checkRecord } from '../../../shared/emr/validation';
import { completeHypertensionFollowUp } from './emrTestKit';

/** The ICD-10 picker's matching (issue 11) over the value set the shipped templates name. */
const templates = compileCatalogue(readTemplateFiles());
const general = templates.find((t) => t.id === 'outpatient-general')!;
const diagnosis = general.fields.find((f) => f.linkId === 'diagnosis')!;
const index = buildCodeIndex(diagnosis.options);
const codes = (query: string, limit?: number) => searchCodes(index, query, limit).map((h) => h.option.code);

test('every template item coded with the ICD-10 value set gets the picker, and no other item', () => {
  const picked = templates.flatMap((t) => t.fields.filter(isIcd10Field).map((f) => `${t.id}/${f.linkId}`)).sort();
  assert.deepEqual(picked, ['child-growth-follow-up/diagnosis', 'hypertension-follow-up/diagnosis', 'outpatient-general/diagnosis', 't2dm-follow-up/diagnosis']);
  const htn = templates.find((t) => t.id === 'hypertension-follow-up')!;
  assert.equal(isIcd10Field(htn.fields.find((f) => f.linkId === 'adherence')!), false, 'an ordinary coded choice stays a list');
});

test('by code: typed from its start, with or without the dot, in any case; the exact code first', () => {
  assert.equal(codes('I10')[0], 'I10');
  assert.equal(codes('i10')[0], 'I10');
  assert.equal(codes('e119')[0], 'E11.9');
  assert.equal(codes('E11.9')[0], 'E11.9');
  const e11 = codes('E11');
  assert.deepEqual(e11.slice(0, 3).sort(), ['E11.2', 'E11.4', 'E11.9']);
  assert.ok(!codes('11').some((c) => c.startsWith('E11')), 'a code is not matched from its middle');
});

test('by Chinese name: whole name first, then names that start with it, then names holding it', () => {
  assert.equal(codes('哮喘')[0], 'J45.9');
  const htn = codes('高血压');
  assert.ok(htn.includes('I10') && htn.includes('I11.9'), `both hypertension codes: ${htn.join(',')}`);
  assert.equal(htn[0], 'I11.9', '高血压性心脏病… starts with the query, 特发性(原发性)高血压 only holds it');
  assert.deepEqual(codes('糖尿病').slice().sort(), ['E11.2', 'E11.4', 'E11.9']);
});

test('by pinyin initials of the Chinese name, digits optional', () => {
  assert.equal(codes('xc')[0], 'J45.9', '哮喘');
  assert.equal(codes('ks')[0], 'R05', '咳嗽');
  assert.ok(codes('gxy').includes('I10'), 'initials found inside the name: 特发性(原发性)高血压');
  assert.equal(codes('2xtnbbbbfz')[0], 'E11.9');
  assert.equal(codes('xtnbbbbfz')[0], 'E11.9');
  assert.equal(codes('mxszb')[0], 'N18.3', '慢性肾脏病3期');
});

test('by English title, for the en UI', () => {
  assert.equal(codes('asthma')[0], 'J45.9');
  assert.ok(codes('hypertension').includes('I10'));
});

test('nothing for an empty query or one nothing matches; the limit holds', () => {
  assert.deepEqual(codes('   '), []);
  assert.deepEqual(codes('zzzz'), []);
  assert.deepEqual(codes('不存在的病'), []);
  assert.equal(codes('e', 5).length, 5);
});

test('only codes of the value set are accepted when the record is checked', () => {
  const htn = templates.find((t) => t.id === 'hypertension-follow-up')!;
  const errors = (diagnosisCodes: string[]) =>
    checkRecord(htn, { ...completeHypertensionFollowUp, diagnosis: diagnosisCodes }, 'en').errors.filter((e) => e.linkId === 'diagnosis').map((e) => e.code);
  assert.deepEqual(errors(['I10']), []);
  assert.deepEqual(errors(['I10', 'X99.9']), ['not-an-option']);
});
