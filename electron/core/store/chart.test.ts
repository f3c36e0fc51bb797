import assert from 'node:assert/strict';
import { test } from 'node:test';
import { longHistoryEncounters } from '../../../shared/demo/generate';
import { trendTests } from '../../../shared/domain/trends';
import { doctor, seededCore } from '../testing/fixtures';
import { searchSql } from './patientSearch';

// 60 patients: the last one has the long history (shared/demo/generate.ts).
const core = await seededCore(60);
type Ok<T> = { ok: true; value: T };
async function call<T>(channel: string, request: unknown): Promise<T> {
  const result = (await core.dispatch(channel, request, 'c1')) as Ok<T> | { ok: false; error: { code: string } };
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
  return result.value;
}
const signedIn = await core.dispatch('auth:signIn', doctor, 'c1');
assert.equal(signedIn.ok, true);

interface Found { patients: { id: string; recordNumber: string }[] }
const someone = core.db
  .prepare<[], { id: string; record_number: string; phone: string; id_number_masked: string }>(
    `SELECT id, record_number, phone, id_number_masked FROM patients ORDER BY record_number LIMIT 1 OFFSET 17`,
  )
  .get()!;
const longOne = core.db
  .prepare<[], { id: string; n: number }>(`SELECT patient_id AS id, count(*) AS n FROM encounters GROUP BY patient_id ORDER BY n DESC LIMIT 1`)
  .get()!;

test('the record number, the phone\'s last four digits and the masked ID number find the patient', async () => {
  const queries = [someone.record_number, someone.record_number.toLowerCase(), someone.phone.slice(-4), someone.id_number_masked, someone.id_number_masked.slice(0, 8)];
  for (const query of queries) {
    const { patients } = await call<Found>('patients:search', { query, limit: 200 });
    assert.ok(patients.some((p) => p.id === someone.id), `"${query}" finds the patient`);
  }
  const { patients } = await call<Found>('patients:search', { query: someone.record_number, limit: 10 });
  assert.deepEqual(patients.map((p) => p.recordNumber), [someone.record_number], 'a whole record number finds that patient only');
});

test('a patient opened recently comes first in the list and in a matching search', async () => {
  const { patients: before } = await call<Found>('patients:search', { query: '', limit: 5 });
  const last = core.db.prepare<[], { id: string; name_initials: string }>(`SELECT id, name_initials FROM patients ORDER BY name_pinyin_compact DESC LIMIT 1`).get()!;
  assert.notEqual(before[0]!.id, last.id);
  await call('patients:summary', { patientId: last.id });
  const { patients: after } = await call<Found>('patients:search', { query: '', limit: 5 });
  assert.equal(after[0]!.id, last.id, 'the chart just opened heads the list');
  const { patients: matching } = await call<Found>('patients:search', { query: last.name_initials.slice(0, 1), limit: 5 });
  assert.equal(matching[0]!.id, last.id, 'and a search it matches');
});

test('the timeline of a patient with 200 encounters pages newest first, every visit once', async () => {
  assert.equal(longOne.n, longHistoryEncounters);
  type Page = { entries: { id: string; date: string }[]; next: { date: string; id: string } | null; total: number };
  const chart = await call<{ encounters: Page['entries']; encountersNext: Page['next']; encounterTotal: number }>('patients:summary', { patientId: longOne.id });
  assert.equal(chart.encounterTotal, longHistoryEncounters);
  assert.equal(chart.encounters.length, 20, 'the chart opens with the first page only');
  const seen = [...chart.encounters];
  let next = chart.encountersNext;
  while (next) {
    const page = await call<Page>('patients:timeline', { patientId: longOne.id, after: next, limit: 50 });
    seen.push(...page.entries);
    next = page.next;
  }
  assert.equal(new Set(seen.map((e) => e.id)).size, longHistoryEncounters);
  const dates = seen.map((e) => e.date);
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
  const missing = await core.dispatch('patients:timeline', { patientId: 'no-such-patient', after: null }, 'c1');
  assert.equal(!missing.ok && missing.error.code, 'NOT_FOUND');
});

test('resolving a problem is a status change with author and reason, queued for the server, never a deletion', async () => {
  type Chart = { diagnoses: { id: string; status: string; statusReason: string | null; statusChangedBy: string | null }[]; sync: { unsent: number } };
  const before = await call<Chart>('patients:summary', { patientId: someone.id });
  const problem = before.diagnoses[0]!;
  assert.equal(problem.status, 'active');
  await call('diagnoses:setStatus', { diagnosisId: problem.id, status: 'resolved', reason: '血压已控制，停药观察' });
  const after = await call<Chart>('patients:summary', { patientId: someone.id });
  const changed = after.diagnoses.find((d) => d.id === problem.id)!;
  assert.equal(after.diagnoses.length, before.diagnoses.length, 'still on the list');
  assert.deepEqual([changed.status, changed.statusReason, changed.statusChangedBy], ['resolved', '血压已控制，停药观察', '张伟']);
  assert.equal(after.sync.unsent, before.sync.unsent + 1, 'the chart says one change waits to be sent');
  const queued = core.db.prepare<[], { kind: string; payload: string }>(`SELECT kind, payload FROM outbox ORDER BY seq DESC LIMIT 1`).get()!;
  assert.equal(queued.kind, 'diagnosis.status.set');
  assert.equal((JSON.parse(queued.payload) as { diagnosisId: string }).diagnosisId, problem.id);

  const bad = await core.dispatch('diagnoses:setStatus', { diagnosisId: problem.id, status: 'deleted', reason: 'x' }, 'c1');
  assert.equal(!bad.ok && bad.error.code, 'INVALID_REQUEST', 'no such status: refused before anything changes');
  const noReason = await core.dispatch('diagnoses:setStatus', { diagnosisId: problem.id, status: 'active', reason: ' ' }, 'c1');
  assert.equal(noReason.ok, false, 'a reason is required');
});

test('repeated blood pressure and eGFR come as trends, oldest first, blood pressure with both numbers', async () => {
  type Chart = { trends: { test: string; points: { takenOn: string; value: number; diastolic: number | null }[] }[] };
  const chart = await call<Chart>('patients:summary', { patientId: longOne.id });
  const pressure = chart.trends.find((t) => t.test === trendTests.bloodPressure);
  assert.ok(pressure, 'a blood pressure trend');
  assert.equal(pressure.points.length, longHistoryEncounters);
  assert.ok(pressure.points.every((p) => p.value > p.diastolic!));
  const dates = pressure.points.map((p) => p.takenOn);
  assert.deepEqual(dates, [...dates].sort());
});

test('the chart\'s hot queries walk an index: the new search keys, the timeline page', () => {
  const plan = (sql: string, params: Record<string, unknown>) =>
    (core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join(' | ');
  const scope = { scopeUser: null, limit: 51 };
  const cases = [
    [searchSql.record, { ...scope, low: 'MR1', high: 'MR2' }, 'patients_by_record_number'],
    [searchSql.idNumber, { ...scope, low: '1101', high: '1102' }, 'patients_by_id_number'],
    [searchSql.phoneLast4, { ...scope, text: '1234' }, 'patients_by_phone_last4'],
  ] as const;
  for (const [sql, params, index] of cases) {
    const details = plan(sql, params);
    assert.match(details, new RegExp(`USING (COVERING )?INDEX ${index}`), details);
    assert.doesNotMatch(details, /SCAN p\b|TEMP B-TREE/, `${index}: no table scan, no sort step`);
  }
  const timeline = plan(
    `SELECT id FROM encounters WHERE patient_id = @patientId AND (date < @date OR (date = @date AND id < @id)) ORDER BY date DESC, id DESC LIMIT 20`,
    { patientId: longOne.id, date: '2026-01-01', id: 'z' },
  );
  assert.match(timeline, /INDEX encounters_by_patient_newest/, timeline);
  assert.doesNotMatch(timeline, /TEMP B-TREE/, timeline);
});
