/** Malformed or impossible input is rejected with one clear line (issue 4, headless contract). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseRxCheckJson } from '../../../shared/rx';
import { loadRxKnowledge } from './loadKnowledge';
import { adult, item } from './testInput';

const knowledge = loadRxKnowledge();

function error(mutate: (input: Record<string, unknown>) => void): string {
  const input = JSON.parse(JSON.stringify(adult([item('amlodipine', 5, 'mg', 'qd', 28, 'I10')]))) as Record<string, unknown>;
  mutate(input);
  const r = parseRxCheckJson(JSON.stringify(input), knowledge);
  assert.ok(!r.ok, 'expected bad input');
  assert.ok(!r.error.includes('\n'), 'one line');
  return r.error;
}
const first = (i: Record<string, unknown>): Record<string, unknown> => (i.items as Record<string, unknown>[])[0]!;

describe('bad input', () => {
  test('not JSON', () => {
    const r = parseRxCheckJson('{"date": ', knowledge);
    assert.ok(!r.ok && /not valid JSON/.test(r.error));
  });
  test('missing dose', () => assert.match(error((i) => delete first(i).dose), /^items\[0\]\.dose: is required/));
  test('missing indication', () => assert.match(error((i) => delete first(i).indication), /^items\[0\]\.indication/));
  test('negative dose', () => assert.match(error((i) => (first(i).dose = { value: -5, unit: 'mg' })), /items\[0\]\.dose\.value: dose must be greater than 0/));
  test('unknown frequency', () => assert.match(error((i) => (first(i).frequency = 'thrice')), /unknown frequency "thrice"/));
  test('unknown unit', () => assert.match(error((i) => (first(i).dose = { value: 1, unit: 'tablet' })), /unknown unit "tablet"/));
  test('unknown route', () => assert.match(error((i) => (first(i).route = 'intrathecal-ish')), /unknown route/));
  test('a route the drug does not have', () => assert.match(error((i) => (first(i).route = 'iv')), /items\[0\]\.route: intravenous is not a route of amlodipine/));
  test('a unit the drug does not have', () => assert.match(error((i) => (first(i).dose = { value: 5, unit: 'mL' })), /items\[0\]\.dose\.unit: mL is not a unit for amlodipine/));
  test('IU for a drug dosed by mass', () => assert.match(error((i) => (first(i).dose = { value: 5, unit: 'IU' })), /IU is not a unit/));
  test('an impossible date', () => assert.match(error((i) => (i.date = '2026-02-30')), /^date: expected a real date/));
  test('days must be a whole number of at least 1', () => {
    assert.match(error((i) => (first(i).days = 0)), /days must be at least 1/);
    assert.match(error((i) => (first(i).days = 2.5)), /whole number/);
  });
  test('birth after the prescription date', () => assert.match(error((i) => ((i.patient as Record<string, unknown>).birthDate = '2027-01-01')), /after the prescription date/));
  test('a misspelt field is an error, never a skipped check', () => assert.match(error((i) => ((i.patient as Record<string, unknown>).pregant = true)), /pregant/));
  test('a pregnant male', () => assert.match(error((i) => ((i.patient as Record<string, unknown>).pregnant = true)), /cannot be pregnant/));
  test('no items', () => assert.match(error((i) => (i.items = [])), /at least one item/));
  test('a malformed ICD-10 code', () => assert.match(error((i) => (first(i).indication = 'hypertension')), /ICD-10/));
});
