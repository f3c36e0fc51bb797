import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeQuantity, totalDoses, usualDays } from '../../../shared/rx/dispense';
import { toRxItem, type DraftItem } from '../../../shared/rx/draft';
import {
  addDays, coversDay, displayStatus, hospitalDay, isExpired, lastValidDay, mayRevise, mayVoid, validityProblem, type StatusFacts,
} from '../../../shared/rx/lifecycle';

const facts = (over: Partial<StatusFacts>): StatusFacts => ({
  status: 'queued', voidedAt: null, outbox: 'pending', issuedOn: '2026-11-26', validityDays: 1, today: '2026-11-26', ...over,
});

test('a signed prescription shows as queued while its mutation waits in the outbox, then as submitted', () => {
  assert.equal(displayStatus(facts({})), 'queued');
  assert.equal(displayStatus(facts({ outbox: null })), 'submitted');
  assert.equal(displayStatus(facts({ outbox: 'held' })), 'held');
  assert.equal(displayStatus(facts({ outbox: 'quarantined' })), 'held');
  assert.equal(displayStatus(facts({ status: 'submitted', outbox: null })), 'submitted');
  assert.equal(displayStatus(facts({ status: 'approved', outbox: null })), 'approved');
  assert.equal(displayStatus(facts({ status: 'returned', outbox: null })), 'returned');
});

test('a void wins over every other status, including approval', () => {
  assert.equal(displayStatus(facts({ voidedAt: '2026-11-26T03:00:00Z' })), 'void');
  assert.equal(displayStatus(facts({ status: 'approved', outbox: null, voidedAt: '2026-11-26T03:00:00Z' })), 'void');
});

test('one waiting for review past its last valid day is expired, not approvable', () => {
  assert.equal(displayStatus(facts({ status: 'submitted', outbox: null, today: '2026-11-27' })), 'expired');
  assert.equal(displayStatus(facts({ status: 'in-review', outbox: null, validityDays: 3, today: '2026-11-28' })), 'in-review');
  assert.equal(displayStatus(facts({ status: 'in-review', outbox: null, validityDays: 3, today: '2026-11-29' })), 'expired');
  // Approved before expiry stays approved.
  assert.equal(displayStatus(facts({ status: 'approved', outbox: null, today: '2026-12-30' })), 'approved');
});

test('validity: the day of issue, up to 3 days with a reason (《处方管理办法》第十八条)', () => {
  assert.equal(validityProblem(1, null), null);
  assert.equal(validityProblem(2, null), 'reason-required');
  assert.equal(validityProblem(3, '  '), 'reason-required');
  assert.equal(validityProblem(3, '患者居住偏远，取药不便'), null);
  assert.equal(validityProblem(4, 'x'), 'too-long');
  assert.equal(validityProblem(0, null), 'too-long');
  assert.equal(lastValidDay('2026-11-26', 1), '2026-11-26');
  assert.equal(lastValidDay('2026-12-30', 3), '2027-01-01');
  assert.equal(isExpired('2026-11-26', 1, '2026-11-26'), false);
  assert.equal(isExpired('2026-11-26', 1, '2026-11-27'), true);
});

test('voids and revisions need reasons; only a returned prescription is revised, once', () => {
  assert.deepEqual(mayVoid({ voidedAt: null }, '开错药品'), { ok: true });
  assert.deepEqual(mayVoid({ voidedAt: null }, ' '), { ok: false, reason: 'reason-required' });
  assert.deepEqual(mayVoid({ voidedAt: 'x' }, 'again'), { ok: false, reason: 'already-void' });
  const returned = { status: 'returned', voidedAt: null, revisedBy: null };
  assert.deepEqual(mayRevise(returned, '按药师意见调整剂量'), { ok: true });
  assert.deepEqual(mayRevise(returned, ''), { ok: false, reason: 'reason-required' });
  assert.deepEqual(mayRevise({ ...returned, status: 'submitted' }, 'r'), { ok: false, reason: 'not-returned' });
  assert.deepEqual(mayRevise({ ...returned, revisedBy: 'other' }, 'r'), { ok: false, reason: 'superseded' });
  assert.deepEqual(mayRevise({ ...returned, voidedAt: 'x' }, 'r'), { ok: false, reason: 'already-void' });
});

test("the hospital's day is China Standard Time, whatever the workstation's zone", () => {
  assert.equal(hospitalDay(Date.parse('2026-11-25T15:59:59Z')), '2026-11-25');
  assert.equal(hospitalDay(Date.parse('2026-11-25T16:00:00Z')), '2026-11-26');
  assert.equal(addDays('2026-02-28', 1), '2026-03-01');
});

test('an earlier prescription is active while its days cover today', () => {
  assert.equal(coversDay('2026-11-01', 28, '2026-11-28'), true);
  assert.equal(coversDay('2026-11-01', 28, '2026-11-29'), false);
  assert.equal(coversDay('2026-11-27', 28, '2026-11-26'), false);
});

const tablet = { form: 'tablet', strengths: [{ value: 2.5, unit: 'mg' }, { value: 5, unit: 'mg' }, { value: 10, unit: 'mg' }] };

test('quantity: whole tablets of the best strength, halves when needed, else the total amount', () => {
  assert.deepEqual(computeQuantity(tablet, { doseValue: 5, doseUnit: 'mg', frequency: 'qd', days: 28, maxPerDay: null }), { value: 28, unit: 'tablet' });
  assert.deepEqual(computeQuantity(tablet, { doseValue: 20, doseUnit: 'mg', frequency: 'bid', days: 7, maxPerDay: null }), { value: 28, unit: 'tablet' });
  assert.deepEqual(computeQuantity({ form: 'tablet', strengths: [{ value: 10, unit: 'mg' }] }, { doseValue: 5, doseUnit: 'mg', frequency: 'tid', days: 5, maxPerDay: null }), { value: 8, unit: 'tablet' });
  const insulin = { form: 'injection', strengths: [{ value: 100, unit: 'IU', perMl: 1 }] };
  assert.deepEqual(computeQuantity(insulin, { doseValue: 10, doseUnit: 'IU', frequency: 'qd', days: 28, maxPerDay: null }), { value: 280, unit: 'IU' });
  assert.equal(totalDoses('qw', 28, null), 4);
  assert.equal(totalDoses('prn', 7, 4), 28);
  assert.equal(totalDoses('st', 7, null), 1);
});

test('days prefill: four weeks for a chronic condition, a week otherwise, never long for antibiotics', () => {
  assert.equal(usualDays({ antibiotic: false, control: null }, true), 28);
  assert.equal(usualDays({ antibiotic: true, control: null }, true), 7);
  assert.equal(usualDays({ antibiotic: false, control: 'psychotropic-2' }, true), 7);
  assert.equal(usualDays({ antibiotic: false, control: null }, false), 7);
});

test('a draft item says what it still lacks before it can be checked', () => {
  const item: DraftItem = { uid: 'u', drug: 'amlodipine', form: null, release: null, route: 'oral', doseValue: null, doseUnit: 'mg', frequency: 'qd', maxPerDay: null, days: null, indication: 'i10' };
  assert.deepEqual(toRxItem(item), { ok: false, missing: ['dose', 'days'] });
  const complete = toRxItem({ ...item, doseValue: 5, days: 28 });
  assert.equal(complete.ok && complete.item.indication, 'I10');
});
