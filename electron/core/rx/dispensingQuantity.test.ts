/**
 * Issue 13, "quantities in dispensing units": the quantity on the signed document of an oral solid
 * is a count of pieces (or sachets), never a total in mg; a dose no pieces make is refused.
 * Strengths follow the labels named in each scenario.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRxCheckInput } from '../../../shared/rx';
import { documentItem } from '../../../shared/rx/document';
import { loadRxKnowledge } from './loadKnowledge';
import { adult, item, type ItemInput } from './testInput';

const knowledge = loadRxKnowledge();

function quantity(i: ItemInput): [number | undefined, string | undefined] {
  const parsed = parseRxCheckInput(adult([i]), knowledge);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  const doc = documentItem(knowledge, parsed.value.items[0]!);
  return [doc.quantity, doc.quantityUnit];
}

// FDA Amoxil label, 2: 500 mg every 8 hours; capsules 250 and 500 mg.
test('amoxicillin 0.5 g three times daily for 7 days is 21 capsules', () =>
  assert.deepEqual(quantity(item('amoxicillin', 0.5, 'g', 'tid', 7, 'J02.9', 'oral', { form: 'capsule' })), [21, 'capsule']));
test('amoxicillin 750 mg is made of a 500 mg and a 250 mg capsule', () =>
  assert.deepEqual(quantity(item('amoxicillin', 750, 'mg', 'bid', 5, 'J02.9', 'oral', { form: 'capsule' })), [20, 'capsule']));
// FDA Synthroid label: 25, 50 ... mcg tablets; 75 mcg written as 0.075 mg.
test('levothyroxine 0.075 mg daily for 28 days is counted in tablets', () => {
  const [value, unit] = quantity(item('levothyroxine', 0.075, 'mg', 'qd', 28, 'E03.9'));
  assert.equal(unit, 'tablet');
  assert.ok(value !== undefined && value >= 28 && value <= 56, String(value));
});
// 说明书 (可威 oseltamivir granules 15 mg/25 mg per sachet): children's 30 mg twice daily for 5 days.
test('oseltamivir granules are counted in sachets', () =>
  assert.deepEqual(quantity(item('oseltamivir', 30, 'mg', 'bid', 5, 'J10', 'oral', { form: 'granule' })), [20, 'granule']));
// FDA Tylenol: 325/500/650 mg tablets; 1330 mg is no whole or half count of the tablets stocked here.
test('a tablet dose no pieces make is refused, not shown as a total in mg', () => {
  const parsed = parseRxCheckInput(adult([item('paracetamol', 1330, 'mg', 'q8h', 3, 'R52', 'oral', { form: 'tablet' })]), knowledge);
  assert.ok(!parsed.ok);
  assert.match(parsed.error, /^items\[0\]\.dose: 1330 mg cannot be made from whole or half pieces of paracetamol/);
});
test('the same dose with no form named is dispensed as the oral suspension, in mL', () => {
  const [value, unit] = quantity(item('paracetamol', 1330, 'mg', 'q8h', 3, 'R52'));
  assert.equal(unit, 'mL');
  assert.ok(value !== undefined && value > 0);
});
