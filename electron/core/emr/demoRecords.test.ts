import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateDemoPatients, longHistoryEncounters } from '../../../shared/demo/generate';
import { demoRecordPatients, longHistoryRecords } from '../../../shared/demo/records';
import { verifyDocument } from '../../../shared/signing/documentSignature';
import { caller } from '../rx/rxTestKit';
import { doctor, seededCore } from '../testing/fixtures';

const core = await seededCore(12);
const doc = caller(core, 'demo-records');
await doc.ok('auth:signIn', doctor);

test("every past visit of a seeded patient has its signed record, readable in the chart, by the visit's physician", async () => {
  const patients = (await doc.ok('patients:search', { query: '', limit: 12 })).patients;
  assert.ok(patients.length > 0);
  for (const { id } of patients) {
    const summary = await doc.ok('patients:summary', { patientId: id });
    const { records } = await doc.ok('emr:records', { patientId: id });
    const visits = core.db.prepare<[string], { id: string }>(`SELECT id FROM encounters WHERE patient_id = ? ORDER BY date`).all(id);
    const recorded = visits.length === longHistoryEncounters ? visits.slice(-longHistoryRecords) : visits;
    assert.deepEqual(new Set(records.map((r) => r.encounterId)), new Set(recorded.map((e) => e.id)), 'one record per visit');
    // The summary lists the newest visits; each of them reads its record.
    for (const visit of summary.encounters) {
      const record = records.find((r) => r.encounterId === visit.id)!;
      assert.equal(record.authorName, visit.physicianName);
      assert.equal(record.answers['chief-complaint']?.[0], visit.chiefComplaint);
      assert.equal(record.version, 1);
      // Signed with a demo key that no hospital CA certified: intact, and said to be unregistered.
      assert.deepEqual(record.signature, { verified: false, reason: 'unregistered-key' });
    }
  }
});

test('demo records are really signed over their content, the same seed gives the same bytes, and only the first patients get them', () => {
  const [first] = [...generateDemoPatients(1, { seed: 7, today: '2026-11-30' })];
  const [again] = [...generateDemoPatients(1, { seed: 7, today: '2026-11-30' })];
  assert.ok(first!.records.length >= 1);
  for (const record of first!.records) {
    assert.ok(verifyDocument(record.document, record.signature));
    assert.ok(!verifyDocument({ ...record.document, signedAt: '2020-01-01T00:00:00+08:00' }, record.signature), 'a changed document fails');
  }
  assert.deepEqual(again!.records, first!.records);
  const big = [...generateDemoPatients(demoRecordPatients + 12, { seed: 7, today: '2026-11-30' })];
  assert.ok(big.slice(0, demoRecordPatients).every((p) => p.records.length === p.encounters.length));
  assert.ok(big.slice(demoRecordPatients, -1).every((p) => p.records.length === 0));
  const long = big.at(-1)!;
  assert.deepEqual(long.records.map((r) => r.document.encounterId), long.encounters.slice(-longHistoryRecords).map((e) => e.id), 'the long-history patient: its newest visits');
});
