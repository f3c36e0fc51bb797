import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { demoRecordOf } from '../../../shared/demo/records';
import { caller } from '../rx/rxTestKit';
import { emrRecordsTable } from '../store/emrRecords';
import { doctor, seededCore } from '../testing/fixtures';
import { completeHypertensionFollowUp } from './emrTestKit';

/** The chart's timeline (issue 11): each signed record is read from its visit; one whose visit is not cached is listed by date. */
const core = await seededCore(12);
const doc = caller(core, 'timeline-records');
await doc.ok('auth:signIn', doctor);
const patientId = (await doc.ok('patients:search', { query: '', limit: 1 })).patients[0]!.id;
const htnUrl = 'https://caredesk.example.cn/fhir/Questionnaire/hypertension-follow-up';

test('a record signed for a new visit sits under that visit, the newest on the timeline; its amendment too', async () => {
  const draft = await doc.ok('emr:draft:start', { patientId, templateUrl: htnUrl });
  await doc.ok('emr:draft:save', { draftId: draft.id, answers: completeHypertensionFollowUp });
  const signed = await doc.ok('emr:sign', { draftId: draft.id, password: doctor.password });
  const summary = await doc.ok('patients:summary', { patientId });
  const visit = summary.encounters[0]!;
  assert.equal(visit.id, signed.encounterId, 'the new visit opens the timeline');
  assert.equal(visit.channel, 'online');
  assert.equal(signed.visitDate, visit.date);

  const amendment = await doc.ok('emr:amend', { recordId: signed.id, reason: '诊断补充' });
  await doc.ok('emr:draft:save', { draftId: amendment.id, answers: { ...completeHypertensionFollowUp, diagnosis: ['I10', 'E78.5'] } });
  const second = await doc.ok('emr:sign', { draftId: amendment.id, password: doctor.password });
  const { records } = await doc.ok('emr:records', { patientId });
  const onVisit = records.filter((r) => r.encounterId === visit.id);
  assert.deepEqual(onVisit.map((r) => [r.version, r.visitDate]), [[2, visit.date], [1, visit.date]], 'both versions belong to the visit');
  assert.equal(onVisit.find((r) => r.id === signed.id)!.amendedBy, second.id);
  assert.equal((await doc.ok('patients:summary', { patientId })).encounterTotal, summary.encounterTotal, 'an amendment is no new visit');
});

test('every seeded record names a visit in the cache, so each is read from the timeline', async () => {
  const { records } = await doc.ok('emr:records', { patientId });
  const dates = new Map(core.db.prepare<[string], { id: string; date: string }>(`SELECT id, date FROM encounters WHERE patient_id = ?`).all(patientId).map((e) => [e.id, e.date]));
  assert.ok(records.length > 1);
  for (const r of records) assert.equal(r.visitDate, dates.get(r.encounterId));
});

test('a record whose visit has not reached this cache has no visit date, until the visit arrives', async () => {
  const encounter = { id: randomUUID(), date: '2026-03-02', channel: 'in-person' as const, physician_name: '张伟', chief_complaint: '头痛' };
  const record = demoRecordOf({ patientId, encounter, diagnosis: { icd10: 'R51', label: '头痛' }, allergy: null, bloodPressure: null, regimen: [] });
  assert.ok(emrRecordsTable(core.db).insert(record, 1));
  const listed = async () => (await doc.ok('emr:records', { patientId })).records.find((r) => r.id === record.document.id)!;
  const before = await listed();
  assert.equal(before.visitDate, null);
  assert.equal(before.signedAt.slice(0, 10), '2026-03-02', 'listed by the date it was signed');

  core.db
    .prepare(`INSERT INTO encounters (id, patient_id, date, kind, channel, department, physician_name, chief_complaint) VALUES (?, ?, ?, 'follow-up', 'in-person', 'cardiology', '张伟', '头痛')`)
    .run(encounter.id, patientId, encounter.date);
  assert.equal((await listed()).visitDate, '2026-03-02');
});
