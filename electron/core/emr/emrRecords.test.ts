import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecordDocument } from '../../../shared/emr/record';
import { verifyDocument } from '../../../shared/signing/documentSignature';
import { caller } from '../rx/rxTestKit';
import { emrRecordsTable } from '../store/emrRecords';
import { doctor, seededCore } from '../testing/fixtures';
import { completeHypertensionFollowUp } from './emrTestKit';

const htnUrl = 'https://caredesk.example.cn/fhir/Questionnaire/hypertension-follow-up';
const complete = completeHypertensionFollowUp;

const core = await seededCore(20);
const doc = caller(core, 'c1');
await doc.ok('auth:signIn', doctor);
const patientId = (await doc.ok('patients:search', { query: '', limit: 1 })).patients[0]!.id;

test('a record is blocked with the missing field named, then signed, verified, and locked by the store', async () => {
  const draft = await doc.ok('emr:draft:start', { patientId, templateUrl: htnUrl });
  const { 'chief-complaint': _, ...missing } = complete;
  await doc.ok('emr:draft:save', { draftId: draft.id, answers: { ...missing, bmi: [99] } });
  const checked = await doc.ok('emr:draft:check', { draftId: draft.id });
  assert.deepEqual(checked.errors.map((e) => [e.linkId, e.code]), [['chief-complaint', 'required']]);
  assert.equal(checked.errors[0]!.message, '请填写“主诉”。', 'in the UI language (zh-CN by default)');
  assert.deepEqual(checked.answers.bmi, [22.9], 'BMI recomputed, the renderer value ignored');
  assert.equal(await doc.code('emr:sign', { draftId: draft.id, password: doctor.password }), 'RECORD_INCOMPLETE');

  await doc.ok('emr:draft:save', { draftId: draft.id, answers: complete });
  const record = await doc.ok('emr:sign', { draftId: draft.id, password: doctor.password });
  assert.equal(record.version, 1);
  assert.match(record.digest, /^[0-9a-f]{64}$/);
  assert.deepEqual(record.answers.bmi, [22.9]);
  assert.equal(await doc.code('emr:draft:save', { draftId: draft.id, answers: {} }), 'RECORD_SIGNED', 'a signed draft takes no more saves');

  const stored = emrRecordsTable(core.db).get(record.id)!;
  assert.equal(stored.document.response.resourceType, 'QuestionnaireResponse');
  assert.ok(verifyDocument(stored.document, stored.signature), 'SM2 signature over the canonical document');
  const tampered = RecordDocument.parse({ ...stored.document, reason: null });
  assert.ok(!verifyDocument({ ...tampered, signedAt: '2020-01-01T00:00:00.000Z' }, stored.signature));
  assert.throws(() => core.db.prepare(`UPDATE emr_records SET signed_document = '{}' WHERE id = ?`).run(record.id), /RECORD_SIGNED/);
  assert.throws(() => core.db.prepare(`DELETE FROM emr_records WHERE id = ?`).run(record.id), /RECORD_SIGNED/);
  const audit = core.db.prepare<[string], { action: string }>(`SELECT action FROM audit_log WHERE subject = ?`).all(`record:${record.id}`);
  assert.deepEqual(audit.map((a) => a.action), ['emr.record.sign']);
});

test('an amendment is a new version with its reason; both versions stay; the old one cannot be amended twice', async () => {
  const draft = await doc.ok('emr:draft:start', { patientId, templateUrl: htnUrl });
  await doc.ok('emr:draft:save', { draftId: draft.id, answers: complete });
  const first = await doc.ok('emr:sign', { draftId: draft.id, password: doctor.password });
  assert.equal(await doc.code('emr:amend', { recordId: first.id, reason: '  ' }), 'INVALID_REQUEST');
  const amendment = await doc.ok('emr:amend', { recordId: first.id, reason: '血压录入错误' });
  assert.deepEqual(amendment.answers.sbp, [152], 'starts from the signed answers');
  await doc.ok('emr:draft:save', { draftId: amendment.id, answers: { ...complete, sbp: [142] } });
  const second = await doc.ok('emr:sign', { draftId: amendment.id, password: doctor.password });
  assert.deepEqual([second.version, second.previousId, second.reason], [2, first.id, '血压录入错误']);
  const { records } = await doc.ok('emr:records', { patientId });
  const byId = new Map(records.map((r) => [r.id, r]));
  assert.equal(byId.get(first.id)!.amendedBy, second.id);
  assert.deepEqual(byId.get(first.id)!.answers.sbp, [152], 'the first version is unchanged');
  assert.deepEqual(byId.get(second.id)!.answers.sbp, [142]);
  assert.equal(await doc.code('emr:amend', { recordId: first.id, reason: 'again' }), 'CONFLICT');
});

test('values carry forward from the last signed record where the template asks; a draft is its author’s alone', async () => {
  const draft = await doc.ok('emr:draft:start', { patientId, templateUrl: 'https://caredesk.example.cn/fhir/Questionnaire/outpatient-general' });
  assert.deepEqual(draft.answers, { height: [175] }, 'height carries; blood pressure and the complaint do not');
  const other = caller(core, 'c2');
  await other.ok('auth:signIn', { account: 'doctor2', password: 'doctor2-demo-2026' });
  assert.equal(await other.code('emr:draft:save', { draftId: draft.id, answers: {} }), 'NOT_FOUND');
  assert.equal(await doc.code('emr:draft:start', { patientId, templateUrl: 'https://caredesk.example.cn/fhir/Questionnaire/none' }), 'TEMPLATE_UNKNOWN');
  assert.equal(await doc.code('emr:draft:save', { draftId: draft.id, answers: { 'Bad Id': [1] } }), 'INVALID_REQUEST');
});
