/**
 * Issue 13 at signing: a high-alert prescription needs the physician's confirmation that the
 * patient was told, with the leaflet shown; a supply beyond the rules' limit needs its reason
 * (《处方管理办法》第十九条; 《长期处方管理规范（试行）》). Both are signed, and print with the prescription.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mutationPayloads } from '../../../shared/sync/wire';
import { outboxTable } from '../store/outbox';
import { doctor, seededCore } from '../testing/fixtures';
import { caller, informedOf, item, patientWith } from './rxTestKit';

const core = await seededCore(200, { now: () => Date.parse('2026-11-26T02:00:00Z') });
const doc = caller(core, 'doc');
await doc.ok('auth:signIn', doctor);
// Under 65: the elderly checks (Beers on starting warfarin) are not what this file is about.
const af = patientWith(core, 'I48', { bornAfter: '1962-01-01' });
const htn = patientWith(core, 'I10');

const submitted = (id: string) =>
  outboxTable(core.db).all().flatMap((e) => (e.mutation.kind === 'prescription.submit' && e.mutation.payload.id === id ? [mutationPayloads['prescription.submit'].parse(e.mutation.payload)] : []));

async function drafted(patientId: string, items: ReturnType<typeof item>[]) {
  const visit = await doc.ok('rx:visit:open', { patientId });
  const draft = visit.drafts.at(-1)!;
  await doc.ok('rx:draft:save', { draftId: draft.id, content: { ...draft.content, items } });
  const preview = await doc.ok('rx:sign:preview', { draftId: draft.id });
  assert.deepEqual(preview.problems, []);
  return { draft, preview, request: { draftId: draft.id, digest: preview.digest, password: doctor.password } };
}

let warfarinId = '';

test('warfarin is not signed until the patient is confirmed told with the warfarin leaflet, and the confirmation is signed', async () => {
  const { draft, preview, request } = await drafted(af.id, [item('warfarin', 3, 'mg', 'qd', 28, af.icd10)]);
  assert.deepEqual(preview.risk.inform.map((i) => [i.drugCode, i.highAlert, i.leaflet?.id]), [['warfarin', 'antithrombotics', 'warfarin']]);
  assert.match(preview.risk.inform[0]!.leaflet!.zh.howToTake.join(''), /INR/);

  assert.equal(await doc.code('rx:sign', request), 'PATIENT_NOT_INFORMED');
  assert.equal(await doc.code('rx:sign', { ...request, informed: [] }), 'PATIENT_NOT_INFORMED');
  const stale = informedOf(preview).map((c) => ({ ...c, leafletVersion: (c.leafletVersion ?? 0) + 1 }));
  assert.equal(await doc.code('rx:sign', { ...request, informed: stale }), 'PATIENT_NOT_INFORMED', 'a version the sign step did not show');
  assert.deepEqual(submitted(draft.id), [], 'nothing queued while refused');

  const signed = await doc.ok('rx:sign', { ...request, informed: informedOf(preview) });
  const [payload] = submitted(draft.id);
  assert.deepEqual(payload?.patientInformed, {
    by: { id: payload!.prescriber!.id, name: payload!.prescriber!.name },
    at: signed.signedAt,
    leaflets: [{ drugCode: 'warfarin', highAlert: 'antithrombotics', leafletId: 'warfarin', leafletVersion: 1 }],
  });
  assert.equal(payload?.longSupply, undefined, '28 days for atrial fibrillation is covered by the chronic diagnosis');
  const audit = core.db.prepare(`SELECT detail FROM audit_log WHERE action = 'prescription.sign' AND subject = ?`).get(`prescription:${draft.id}`) as { detail: string };
  assert.deepEqual((JSON.parse(audit.detail) as { informedLeaflets: string[] }).informedLeaflets, ['warfarin@1']);
  warfarinId = draft.id;
});

test('8 weeks of amlodipine for hypertension needs the reason; with it the reason is signed, a reason nobody asked for is not', async () => {
  const { draft, preview, request } = await drafted(htn.id, [item('amlodipine', 5, 'mg', 'qd', 56, htn.icd10)]);
  assert.deepEqual(preview.risk.longSupply, { reasonBeyondDays: 7, items: [{ drugName: '氨氯地平', days: 56 }] });
  assert.equal(await doc.code('rx:sign', request), 'LONG_SUPPLY_REASON_REQUIRED');
  assert.equal(await doc.code('rx:sign', { ...request, longSupply: { category: 'chronic', note: ' ' } }), 'INVALID_REQUEST');
  await doc.ok('rx:sign', { ...request, longSupply: { category: 'chronic', note: '血压稳定，长期处方' } });
  assert.deepEqual(submitted(draft.id)[0]?.longSupply, { category: 'chronic', note: '血压稳定，长期处方' });

  const short = await drafted(htn.id, [item('amlodipine', 5, 'mg', 'qd', 7, htn.icd10)]);
  assert.deepEqual(short.preview.risk, { inform: [], longSupply: { reasonBeyondDays: 7, items: [] } });
  await doc.ok('rx:sign', { ...short.request, longSupply: { category: 'special', note: '不需要' } });
  assert.equal(submitted(short.draft.id)[0]?.longSupply, undefined);
});

test('the print carries the leaflet the patient was told and is audited with its patient', async () => {
  const printed = await doc.ok('rx:print', { prescriptionId: warfarinId });
  assert.deepEqual(printed.leaflets.map((l) => `${l.id}@${l.version}`), ['warfarin@1']);
  assert.equal(printed.patient.name, af.name);
  assert.deepEqual(printed.diagnoses.map((d) => d.code), [af.icd10], 'the indication, named by the patient\'s diagnosis');
  assert.ok(printed.diagnoses[0]!.label);
  assert.equal(printed.hospital.zh.length > 0 && printed.hospital.en.length > 0, true);
  assert.equal(printed.risk.patientInformed?.leaflets[0]?.leafletId, 'warfarin');
  const entries = core.db.prepare(`SELECT detail FROM audit_log WHERE action = 'prescription.print' AND subject = ?`).all(`prescription:${warfarinId}`) as { detail: string }[];
  assert.equal(entries.length, 1);
  assert.ok(JSON.stringify(JSON.parse(entries[0]!.detail)).includes(`patient:${af.id}`));
  assert.equal(await doc.code('rx:print', { prescriptionId: 'no-such-prescription' }), 'NOT_FOUND');
  const { leaflets } = await doc.ok('rx:leaflets', { ids: ['warfarin', 'insulins', 'unknown'] });
  assert.deepEqual(leaflets.map((l) => l.id), ['warfarin', 'insulins']);
});
