import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withoutSignature } from '../../../shared/rx/document';
import { verifyDocument } from '../../../shared/signing/documentSignature';
import { mutationPayloads } from '../../../shared/sync/wire';
import { drugRecordOf } from '../../../shared/rx';
import { loadRxKnowledgeFiles } from '../rx/loadKnowledge';
import { cardiacPatient, signAmlodipine } from '../review/reviewTestKit';
import { caller } from '../rx/rxTestKit';
import { demo, startClinic, type TestWorkstation } from './testing/clinic';

const clinic = await startClinic('pglite', 60);

interface LocalRx { status: string; signed_payload: string | null; voided_at: string | null; void_reason: string | null }
const localRx = (ws: TestWorkstation, id: string) =>
  ws.query<LocalRx>(`SELECT status, signed_payload, voided_at, void_reason FROM prescriptions WHERE id = ?`, id)[0];

function verifies(signedPayload: string | null | undefined): boolean {
  const payload = mutationPayloads['prescription.submit'].parse(JSON.parse(signedPayload ?? 'null'));
  return payload.signature !== undefined && verifyDocument(withoutSignature(payload), payload.signature);
}

test('signed offline on A, it reaches the server when the link returns with a verifiable signature; its void takes it out of B\'s queue', async () => {
  const a = await clinic.workstation(demo.doctor);
  const b = await clinic.workstation(demo.pharmacist);
  const patient = cardiacPatient(a, 0);

  a.link.setOnline(false);
  const id = await signAmlodipine(a, patient);
  await a.sync();
  assert.equal((await clinic.hospital.db.query(`SELECT 1 FROM prescriptions WHERE id = $1`, [id])).length, 0, 'still waiting in the outbox');

  a.link.setOnline(true);
  await a.sync();
  const [onServer] = await clinic.hospital.db.query<{ status: string; signed_payload: string; signature_value: string }>(
    `SELECT status, signed_payload, signature_value FROM prescriptions WHERE id = $1`, [id],
  );
  assert.equal(onServer?.status, 'submitted');
  assert.equal(verifies(onServer.signed_payload), true, 'the server holds a signature anyone can check');
  assert.equal(localRx(a, id)?.status, 'submitted', 'the feed brought the server status back');
  assert.equal(verifies(localRx(a, id)?.signed_payload), true, 'and the pulled row kept the signed document');

  await b.sync();
  assert.equal(localRx(b, id)?.status, 'submitted', 'the pharmacist has it for review');
  assert.equal(verifies(localRx(b, id)?.signed_payload), true, 'with the prescriber\'s signature');

  const doc = caller(a.core, a.connection);
  const voided = await doc.ok('rx:void', { prescriptionId: id, reason: '患者已在线下就诊取药' });
  assert.equal(voided.status, 'void');
  await a.sync();
  await b.sync();
  const [serverRow] = await clinic.hospital.db.query<{ status: string; void_reason: string }>(`SELECT status, void_reason FROM prescriptions WHERE id = $1`, [id]);
  assert.deepEqual(serverRow, { status: 'voided', void_reason: '患者已在线下就诊取药' });
  const row = localRx(a, id)!;
  assert.equal(row.status, 'voided');
  assert.ok(row.voided_at);
  assert.equal(row.void_reason, '患者已在线下就诊取药');
  assert.equal(verifies(row.signed_payload), true);
  // Voided before anyone reviewed it, it left the queue: out of the pharmacist's scope, and of B's cache (issue 8, item 5).
  assert.equal(localRx(b, id), undefined, 'the pharmacist no longer holds a prescription nobody will review');
  assert.equal(a.query(`SELECT 1 FROM outbox`).length, 0, 'outbox drained');
});

test('signed and voided while offline: the submit and its void arrive in order, nothing signed is dropped', async () => {
  const a = await clinic.workstation(demo.doctor);
  const patient = cardiacPatient(a, 1);
  a.link.setOnline(false);
  const id = await signAmlodipine(a, patient);
  await caller(a.core, a.connection).ok('rx:void', { prescriptionId: id, reason: '重复开具' });
  const kinds = a.query<{ kind: string }>(`SELECT kind FROM outbox ORDER BY seq`).map((r) => r.kind);
  assert.deepEqual(kinds.slice(-2), ['prescription.submit', 'prescription.void']);

  a.link.setOnline(true);
  await a.sync();
  const [onServer] = await clinic.hospital.db.query<{ status: string; voided_from_status: string; signed_payload: string }>(
    `SELECT status, voided_from_status, signed_payload FROM prescriptions WHERE id = $1`, [id],
  );
  assert.equal(onServer?.status, 'voided');
  assert.equal(onServer.voided_from_status, 'submitted');
  assert.equal(verifies(onServer.signed_payload), true);
  const list = await caller(a.core, a.connection).ok('rx:list', { patientId: patient.id });
  assert.equal(list.prescriptions.find((p) => p.id === id)?.status, 'void');
});

interface ArrivalRow { arrival_unacknowledged: number; arrival_check: string }
async function arrivalOf(id: string) {
  const [row] = await clinic.hospital.db.query<ArrivalRow>(`SELECT arrival_unacknowledged, arrival_check FROM prescriptions WHERE id = $1`, [id]);
  assert.ok(row, 'the prescription reached the server');
  const check = JSON.parse(row.arrival_check) as { checkedAt: string; alerts: { code: string; severity: string; drugs: string[]; acknowledged: boolean; message: string }[]; invalid: string | null };
  return { unacknowledged: row.arrival_unacknowledged, ...check };
}

test('the server runs the checks again on arrival: what the prescriber answered is acknowledged', async () => {
  const a = await clinic.workstation(demo.doctor);
  const clean = await signAmlodipine(a, cardiacPatient(a, 2));
  const overdosed = await signAmlodipine(a, cardiacPatient(a, 3), 20);
  await a.sync();
  const { checkedAt, ...cleanCheck } = await arrivalOf(clean);
  assert.ok(checkedAt);
  assert.deepEqual(cleanCheck, { unacknowledged: 0, alerts: [], invalid: null });
  const high = await arrivalOf(overdosed);
  assert.deepEqual(high.alerts.map((x) => [x.code, x.severity, x.drugs, x.acknowledged]), [['DOSE_SINGLE_MAX', 'override', ['amlodipine'], true]]);
  assert.equal(high.unacknowledged, 0);
});

test('signed offline, it meets an allergy recorded meanwhile on another device: the server flags it for the pharmacist', async () => {
  const a = await clinic.workstation(demo.doctor);
  const b = await clinic.workstation(demo.doctor);
  const patient = cardiacPatient(a, 4);
  a.link.setOnline(false);
  const id = await signAmlodipine(a, patient);

  await caller(b.core, b.connection).ok('allergies:add', { patientId: patient.id, allergen: 'amlodipine', reaction: '血管性水肿' });
  await b.sync();
  a.link.setOnline(true);
  await a.sync();

  const arrival = await arrivalOf(id);
  assert.equal(arrival.unacknowledged, 1);
  const [allergy] = arrival.alerts.filter((x) => !x.acknowledged);
  assert.deepEqual([allergy?.code, allergy?.severity, allergy?.drugs], ['ALLERGY', 'override', ['amlodipine']]);
  assert.match(allergy?.message ?? '', /氨氯地平/);
  const [row] = await clinic.hospital.db.query<{ status: string }>(`SELECT status FROM prescriptions WHERE id = $1`, [id]);
  assert.equal(row?.status, 'submitted', 'a signed document is never refused for what the checks find');
});

test('signed offline before a withdrawal reached the workstation: the server finds the block the prescriber could not see', async () => {
  const a = await clinic.workstation(demo.doctor);
  const patient = cardiacPatient(a, 5);
  a.link.setOnline(false);
  const admin = await clinic.hospital.admin();
  const withdraw = (body: unknown) => clinic.hospital.request('PUT', '/admin/formulary', { token: admin.token, body });
  assert.equal((await withdraw({ withdrawn: [{ code: 'amlodipine', reason: '暂停采购' }] })).status, 200);
  try {
    const id = await signAmlodipine(a, patient);
    a.link.setOnline(true);
    await a.sync();
    const arrival = await arrivalOf(id);
    assert.deepEqual(arrival.alerts.filter((x) => !x.acknowledged).map((x) => [x.code, x.severity, x.drugs]), [['UNKNOWN_DRUG', 'block', ['amlodipine']]]);
    assert.match(arrival.alerts[0]?.message ?? '', /暂停采购/);
  } finally {
    assert.equal((await withdraw({ drugs: [drugRecordOf(loadRxKnowledgeFiles(), 'amlodipine')] })).status, 200, 'listed again for the tests after this one');
  }
});
