import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Bundle, FhirResource, Provenance, QuestionnaireResponse } from 'fhir/r4';
import { createCore } from '../electron/core/core';
import { completeHypertensionFollowUp } from '../electron/core/emr/emrTestKit';
import { caller } from '../electron/core/rx/rxTestKit';
import { emrRecordsTable } from '../electron/core/store/emrRecords';
import { keyFileSource } from '../electron/core/store/keyring';
import { seedLocalStore } from '../electron/core/store/seed';
import { fhirErrors } from '../electron/core/testing/fhirValidators';
import { doctor, freshDataDir } from '../electron/core/testing/fixtures';

const caredesk = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'cli/caredesk.ts', ...args], { encoding: 'utf8' });
const open = (dataDir: string) => createCore({ dataDir, key: keyFileSource(dataDir).loadOrCreateKey(), log: () => {}, facePolicy: { passwordOnlySigning: true } });
const resources = (bundle: Bundle): FhirResource[] => (bundle.entry ?? []).map((e) => e.resource as FhirResource);

// A seeded store where one patient also has a record signed today and amended with a reason.
const dataDir = freshDataDir('caredesk-export');
const outDir = join(freshDataDir('caredesk-export-out'), 'bundles');
const seeded = open(dataDir);
await seedLocalStore(seeded.db, 12, { seed: 7, today: '2026-11-25' });
const doc = caller(seeded, 'export');
await doc.ok('auth:signIn', doctor);
const patientId = (await doc.ok('patients:search', { query: '', limit: 1 })).patients[0]!.id;
const draft = await doc.ok('emr:draft:start', { patientId, templateUrl: 'https://caredesk.example.cn/fhir/Questionnaire/hypertension-follow-up' });
await doc.ok('emr:draft:save', { draftId: draft.id, answers: completeHypertensionFollowUp });
const first = await doc.ok('emr:sign', { draftId: draft.id, password: doctor.password });
const amendment = await doc.ok('emr:amend', { recordId: first.id, reason: '血压录入错误' });
await doc.ok('emr:draft:save', { draftId: amendment.id, answers: { ...completeHypertensionFollowUp, sbp: [142] } });
const second = await doc.ok('emr:sign', { draftId: amendment.id, password: doctor.password });
const stored = emrRecordsTable(seeded.db).ofPatient(patientId);
await seeded.close();

const all = caredesk('export', 'fhir', '--data-dir', dataDir, '--all', '--out', outDir);
const bundles = readdirSync(outDir).map((f) => JSON.parse(readFileSync(join(outDir, f), 'utf8')) as Bundle);

test('every exported demo patient is one R4 Bundle that the fhir package and medplum both accept', () => {
  assert.equal(all.status, 0, all.stderr);
  assert.equal(bundles.length, 12, 'one file per patient');
  for (const bundle of bundles) assert.deepEqual(fhirErrors(bundle), [], `patient ${bundle.id}`);
  const types = new Set(bundles.flatMap(resources).map((r) => r.resourceType));
  for (const type of ['Patient', 'Encounter', 'Condition', 'AllergyIntolerance', 'Observation', 'MedicationRequest', 'QuestionnaireResponse', 'Provenance']) {
    assert.ok(types.has(type as FhirResource['resourceType']), `${type} exported`);
  }
});

test("a patient's signed records are there as signed, each with a Provenance carrying its SM2 signature; the amendment names the version it revises", () => {
  const bundle = bundles.find((b) => b.id === patientId)!;
  const responses = resources(bundle).filter((r): r is QuestionnaireResponse => r.resourceType === 'QuestionnaireResponse');
  const provenances = resources(bundle).filter((r): r is Provenance => r.resourceType === 'Provenance' && r.target[0]!.reference!.startsWith('QuestionnaireResponse/'));
  assert.equal(responses.length, stored.length, 'every signed version, demo history included');
  for (const record of stored) {
    assert.deepEqual(responses.find((r) => r.id === record.document.id), record.document.response, 'the response exactly as signed');
    const provenance = provenances.find((p) => p.target[0]!.reference === `QuestionnaireResponse/${record.document.id}`)!;
    const signature = provenance.signature![0]!;
    assert.equal(Buffer.from(signature.data!, 'base64').toString('hex'), record.signature.value);
    assert.equal(signature.when, record.document.signedAt);
    const sm2 = signature.extension![0]!.extension!;
    assert.equal(sm2.find((e) => e.url === 'sm3Digest')!.valueString, record.digest);
    assert.equal(sm2.find((e) => e.url === 'publicKey')!.valueString, record.signature.publicKey);
  }
  const revision = provenances.find((p) => p.target[0]!.reference === `QuestionnaireResponse/${second.id}`)!;
  assert.deepEqual(revision.entity, [{ role: 'revision', what: { reference: `QuestionnaireResponse/${first.id}` } }]);
  assert.equal(revision.activity!.text, '血压录入错误');
  assert.equal(responses.find((r) => r.id === second.id)!.status, 'amended');
});

test('broken resources are caught: a value outside a required value set by the fhir package, a missing required element by both, a wrong type and an unknown element by medplum', () => {
  // The first exported Bundle that holds every type broken below.
  const needed = ['Patient', 'Observation', 'QuestionnaireResponse', 'Provenance'];
  const bundle = bundles.find((b) => needed.every((type) => resources(b).some((r) => r.resourceType === type)))!;
  const broken = (change: (resources: FhirResource[]) => void) => {
    const copy = structuredClone(bundle);
    change(resources(copy));
    return new Set(fhirErrors(copy).map((f) => f.validator));
  };
  const first = <T extends FhirResource['resourceType']>(rs: FhirResource[], type: T) => rs.find((r) => r.resourceType === type) as Extract<FhirResource, { resourceType: T }>;
  assert.ok(broken((rs) => void Object.assign(first(rs, 'Patient'), { gender: 'robot' })).has('fhir'));
  const missing = broken((rs) => void delete (first(rs, 'Observation') as { status?: string }).status);
  assert.ok(missing.has('fhir') && missing.has('medplum'));
  assert.ok(broken((rs) => void Object.assign(first(rs, 'QuestionnaireResponse'), { authored: 20261125 })).has('medplum'));
  assert.ok(broken((rs) => void Object.assign(first(rs, 'Provenance'), { signedBy: 'nobody' })).has('medplum'));
});

test('one patient goes to stdout; every export is in the audit log; bad arguments exit 2 with one line and write nothing', async () => {
  const one = caredesk('export', 'fhir', '--data-dir', dataDir, '--patient', patientId);
  assert.equal(one.status, 0, one.stderr);
  const bundle = JSON.parse(one.stdout) as Bundle;
  assert.equal(bundle.type, 'collection');
  assert.equal(resources(bundle)[0]!.id, patientId);

  for (const args of [['--all'], ['--patient', 'no-such-patient']]) {
    const bad = caredesk('export', 'fhir', '--data-dir', dataDir, ...args);
    assert.equal(bad.status, 2, args.join(' '));
    assert.equal(bad.stdout, '');
    assert.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr);
  }

  const core = open(dataDir);
  try {
    const exports = core.db.prepare<[], { subject: string }>(`SELECT subject FROM audit_log WHERE action = 'export'`).all();
    assert.equal(exports.length, 13, 'twelve with --all, one with --patient');
    assert.equal(exports.filter((e) => e.subject === `patient:${patientId}`).length, 2);
  } finally {
    await core.close();
  }
});
