import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, clockSkew, mergeNewVersion, mergeScalarField, mergeStatusChange } from '../../shared/sync/merge';

test('scalar edits: applied on a current base, conflict on a stale one, no-op when equal', () => {
  const me = { authorId: 'u1', deviceId: 'd1' };
  const state = { value: '138', version: 5, changedAt: 4, changedBy: { authorId: 'u2', deviceId: 'd2' } };
  assert.deepEqual(mergeScalarField(state, { value: '139', baseVersion: 5, by: me }), { kind: 'apply', newVersion: 6 });
  assert.deepEqual(mergeScalarField(state, { value: '139', baseVersion: 4, by: me }), { kind: 'apply', newVersion: 6 }, 'the field has not changed since v4');
  assert.deepEqual(mergeScalarField(state, { value: '139', baseVersion: 3, by: me }), { kind: 'conflict' });
  assert.deepEqual(mergeScalarField(state, { value: '138', baseVersion: 1, by: me }), { kind: 'noop' });
  assert.equal(mergeScalarField(state, { value: '139', baseVersion: 6, by: me }).kind, 'invalid');
  assert.deepEqual(mergeScalarField({ ...state, changedBy: null }, { value: '139', baseVersion: 3, by: me }), { kind: 'conflict' }, 'an unknown writer is someone else');
});

test("scalar edits: one author's edits on one device are sequential; the same author on another device is not", () => {
  const state = { value: '138-typo', version: 6, changedAt: 6, changedBy: { authorId: 'u1', deviceId: 'd1' } };
  // Both edits were made on base 5 before the first was answered: the second comes next.
  assert.deepEqual(mergeScalarField(state, { value: '138', baseVersion: 5, by: { authorId: 'u1', deviceId: 'd1' } }), { kind: 'apply', newVersion: 7 });
  assert.deepEqual(mergeScalarField(state, { value: '138', baseVersion: 5, by: { authorId: 'u1', deviceId: 'd9' } }), { kind: 'conflict' });
  assert.deepEqual(mergeScalarField(state, { value: '138', baseVersion: 5, by: { authorId: 'u3', deviceId: 'd1' } }), { kind: 'conflict' }, 'a colleague on the same workstation');
});

test('status changes and versions', () => {
  assert.deepEqual(mergeStatusChange('active', 'removed'), { kind: 'apply' });
  assert.deepEqual(mergeStatusChange('removed', 'removed'), { kind: 'noop' });
  assert.deepEqual(mergeNewVersion({ id: 'a', patientId: 'p', replacedBy: null }, { id: 'b', patientId: 'p' }), { kind: 'apply' });
  assert.deepEqual(mergeNewVersion({ id: 'a', patientId: 'p', replacedBy: 'b' }, { id: 'c', patientId: 'p' }), { kind: 'branch', alreadyReplacedBy: 'b' });
  assert.equal(mergeNewVersion({ id: 'a', patientId: 'p', replacedBy: null }, { id: 'b', patientId: 'q' }).kind, 'invalid');
});

test('canonical JSON ignores key order; clock skew is flagged past five minutes', () => {
  assert.equal(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] }), canonicalJson({ a: [{ c: 2, d: 1 }], b: 1 }));
  const now = new Date('2026-01-15T08:00:00Z');
  assert.equal(clockSkew('2026-01-15T08:04:00Z', now).flagged, false);
  assert.equal(clockSkew('2026-01-15T09:00:00+01:00', now).flagged, false, 'offsets are honoured');
  assert.deepEqual(clockSkew('2026-01-15T09:00:00Z', now), { skewMs: 3_600_000, flagged: true });
});
