/**
 * Issue 11's printed record and issue 12's print audit: a signed record prints under the hospital's
 * letterhead with its patient's identifying lines, and every print is one audit entry naming the
 * record and its patient; a refused print leaves no entry.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoLetterhead } from '../../../shared/print/letterhead';
import { caller } from '../rx/rxTestKit';
import { doctor, seededCore } from '../testing/fixtures';
import { completeHypertensionFollowUp } from './emrTestKit';

const htnUrl = 'https://caredesk.example.cn/fhir/Questionnaire/hypertension-follow-up';
const core = await seededCore(20);
const doc = caller(core, 'p1');
await doc.ok('auth:signIn', doctor);
const patient = (await doc.ok('patients:search', { query: '', limit: 1 })).patients[0]!;

const printEntries = (recordId: string) =>
  core.db.prepare<[string], { user_id: string; detail: string }>(`SELECT user_id, detail FROM audit_log WHERE action = 'emr.record.print' AND subject = ?`).all(`record:${recordId}`);

test('a signed record prints with the letterhead, the patient, the signed answers and the signature, and the print is audited', async () => {
  const draft = await doc.ok('emr:draft:start', { patientId: patient.id, templateUrl: htnUrl });
  await doc.ok('emr:draft:save', { draftId: draft.id, answers: completeHypertensionFollowUp });
  const signed = await doc.ok('emr:sign', { draftId: draft.id, password: doctor.password });
  assert.equal(printEntries(signed.id).length, 0, 'signing is not printing');

  const printed = await doc.ok('emr:record:print', { recordId: signed.id });
  assert.deepEqual(printed.hospital, demoLetterhead);
  assert.deepEqual([printed.patient.name, printed.patient.recordNumber], [patient.name, patient.recordNumber]);
  assert.equal(printed.record.id, signed.id);
  assert.deepEqual(printed.record.answers.sbp, completeHypertensionFollowUp.sbp);
  assert.equal(printed.record.digest, signed.digest);
  assert.deepEqual(printed.record.signature, signed.signature, 'the signature as judged here');

  await doc.ok('emr:record:print', { recordId: signed.id });
  const entries = printEntries(signed.id);
  assert.equal(entries.length, 2, 'one entry per print');
  const detail = JSON.parse(entries[0]!.detail) as Record<string, unknown>;
  assert.ok(JSON.stringify(detail).includes(`patient:${patient.id}`), 'the patient is a related subject');
  assert.ok(!JSON.stringify(detail).includes(String(completeHypertensionFollowUp.sbp[0])), 'no clinical content in the audit detail');
});

test('an unknown record or a malformed request is refused and nothing is audited', async () => {
  const before = core.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM audit_log WHERE action = 'emr.record.print'`).get()!.n;
  assert.equal(await doc.code('emr:record:print', { recordId: 'no-such-record' }), 'NOT_FOUND');
  assert.equal(await doc.code('emr:record:print', { recordId: '' }), 'INVALID_REQUEST');
  const anonymous = caller(core, 'p2');
  assert.equal(await anonymous.code('emr:record:print', { recordId: 'x' }), 'UNAUTHENTICATED');
  assert.equal(core.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM audit_log WHERE action = 'emr.record.print'`).get()!.n, before);
});
