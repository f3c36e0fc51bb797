import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PrescriptionView } from '../../../shared/ipc/rxChannels';
import { appendChanges, serverMeta } from '../../../server/feed/append';
import { caller, item } from '../rx/rxTestKit';
import { demo, startClinic, type TestWorkstation } from './testing/clinic';

/**
 * Issue 8, item 11 step 4: signer certificates reach the workstations through the feed, with their
 * revocation; each workstation judges the signed prescriptions it shows against them, offline too.
 */
const clinic = await startClinic('pglite', 60);

function cardiacPatient(ws: TestWorkstation, skip: number): { id: string; icd10: string } {
  const found = ws.query<{ id: string; icd10: string }>(
    `SELECT p.id, d.icd10 FROM patients p JOIN diagnoses d ON d.patient_id = p.id
      WHERE d.icd10 LIKE 'I%' AND d.setting = 'in-person' AND p.birth_date < '2000-01-01'
        AND p.id NOT IN (SELECT patient_id FROM allergies)
      ORDER BY p.id LIMIT 1 OFFSET ?`,
    skip,
  )[0];
  assert.ok(found, 'the demo department has such a patient');
  return found;
}

/** Drafts amlodipine and signs it; answers the sign call's code ('ok' when queued) and the draft id. */
async function trySign(ws: TestWorkstation, patient: { id: string; icd10: string }): Promise<{ code: string; id: string }> {
  const doc = caller(ws.core, ws.connection);
  const visit = await doc.ok('rx:visit:open', { patientId: patient.id });
  const draft = visit.drafts[0]!;
  const content = { ...draft.content, items: [item('amlodipine', 5, 'mg', 'qd', 28, patient.icd10)] };
  const saved = await doc.ok('rx:draft:save', { draftId: draft.id, content });
  const overrides = Object.fromEntries(saved.check.alerts.filter((a) => a.severity === 'override').map((a) => [a.key, '患者既往耐受此剂量']));
  if (Object.keys(overrides).length > 0) await doc.ok('rx:draft:save', { draftId: draft.id, content: { ...content, overrides } });
  const preview = await doc.ok('rx:sign:preview', { draftId: draft.id });
  return { code: await doc.code('rx:sign', { draftId: draft.id, digest: preview.digest }), id: draft.id };
}

async function shown(ws: TestWorkstation, patientId: string, prescriptionId: string): Promise<PrescriptionView['signatureCheck']> {
  const listed = (await ws.call('rx:list', { patientId })) as { ok: true; value: { prescriptions: PrescriptionView[] } };
  assert.equal(listed.ok, true);
  const rx = listed.value.prescriptions.find((p) => p.id === prescriptionId);
  assert.ok(rx, 'the prescription is on this workstation');
  return rx.signatureCheck;
}

/** The certificate of the signing key this workstation holds for its (one) user. */
const certificateOf = (ws: TestWorkstation) => ws.query<{ certificate_id: string }>(`SELECT certificate_id FROM signing_keys`)[0]!.certificate_id;

/** Rewrites a prescription's signed document on the server, as a row from before the registry (or a forged one) would hold it, and feeds it. */
async function rewriteOnServer(prescriptionId: string, change: (payload: { items: unknown[]; signature: { certificateId: string | null } }) => void) {
  const [row] = await clinic.hospital.db.query<{ signed_payload: string }>(`SELECT signed_payload FROM prescriptions WHERE id = $1`, [prescriptionId]);
  const payload = JSON.parse(row!.signed_payload) as { items: unknown[]; signature: { certificateId: string | null } };
  change(payload);
  await clinic.hospital.db.transaction(async (tx) => {
    await tx.query(`UPDATE prescriptions SET signed_payload = $2 WHERE id = $1`, [prescriptionId, JSON.stringify(payload)]);
    await appendChanges(tx, 'prescriptions', [prescriptionId], serverMeta);
  });
}

test('a second workstation shows the signer and serial of a verified prescription, offline too, and "not verified" with the reason otherwise', async () => {
  const prescriber = await clinic.workstation(demo.doctor);
  const pharmacist = await clinic.workstation(demo.pharmacist);
  const patients = [cardiacPatient(prescriber, 0), cardiacPatient(prescriber, 1)];
  const signed = [];
  for (const patient of patients) {
    const { code, id } = await trySign(prescriber, patient);
    assert.equal(code, 'ok');
    signed.push({ patientId: patient.id, id });
  }
  await prescriber.sync();
  await pharmacist.sync();
  const serial = certificateOf(prescriber);
  assert.deepEqual(await shown(pharmacist, signed[0]!.patientId, signed[0]!.id), { verified: true, signer: 'doctor', licenceNo: '110110000001', serial });

  pharmacist.link.setOnline(false);
  await pharmacist.sync();
  assert.equal((await shown(pharmacist, signed[0]!.patientId, signed[0]!.id))?.verified, true, 'offline, against the cached certificate');
  pharmacist.link.setOnline(true);

  await rewriteOnServer(signed[0]!.id, (p) => { p.signature.certificateId = 'never-registered'; });
  await rewriteOnServer(signed[1]!.id, (p) => { p.items = [...p.items, ...p.items]; });
  await pharmacist.sync();
  assert.deepEqual(await shown(pharmacist, signed[0]!.patientId, signed[0]!.id), { verified: false, reason: 'unregistered-key' });
  assert.deepEqual(await shown(pharmacist, signed[1]!.patientId, signed[1]!.id), { verified: false, reason: 'bad-signature' });
});

test('a revocation reaches the signer\'s own workstation, which refuses to sign until the next online sign-in registers a new key; the old signatures stay verified', async () => {
  const prescriber = await clinic.workstation(demo.doctor);
  const pharmacist = await clinic.workstation(demo.pharmacist);
  const first = cardiacPatient(prescriber, 2);
  const before = await trySign(prescriber, first);
  assert.equal(before.code, 'ok');
  await prescriber.sync();
  const oldSerial = certificateOf(prescriber);

  clinic.hospital.clock += 60_000; // the revocation comes a minute after that signature
  const admin = await clinic.hospital.admin();
  assert.equal((await clinic.hospital.request('POST', `/admin/certificates/${oldSerial}/revoke`, { token: admin.token })).status, 200);
  await prescriber.sync();
  assert.equal((await trySign(prescriber, cardiacPatient(prescriber, 3))).code, 'SIGNING_KEY_REVOKED', 'the revocation arrived at sync: no signing with that key');

  assert.equal(((await prescriber.call('auth:signIn', demo.doctor)) as { ok: boolean }).ok, true);
  const newSerial = certificateOf(prescriber);
  assert.notEqual(newSerial, oldSerial, 'a new key, certified at the online sign-in');
  const after = await trySign(prescriber, cardiacPatient(prescriber, 3));
  assert.equal(after.code, 'ok', 'the physician signs again');
  await prescriber.sync();
  assert.equal((await clinic.hospital.db.query(`SELECT 1 FROM prescriptions WHERE id = $1 AND signature_certificate_id = $2`, [after.id, newSerial])).length, 1, 'accepted by the server');

  await pharmacist.sync();
  assert.deepEqual(await shown(pharmacist, first.id, before.id), { verified: true, signer: 'doctor', licenceNo: '110110000001', serial: oldSerial }, 'signed before the revocation: verified against the old certificate');
  // Revoked as of a time before that signature (a key compromised earlier): not verified.
  await clinic.hospital.db.transaction(async (tx) => {
    await tx.query(`UPDATE signing_certificates SET revoked_at = $2 WHERE serial = $1`, [oldSerial, new Date(Date.parse('2000-01-01T00:00:00Z'))]);
    await appendChanges(tx, 'signing_certificates', [oldSerial], serverMeta);
  });
  await pharmacist.sync();
  assert.deepEqual(await shown(pharmacist, first.id, before.id), { verified: false, reason: 'revoked' });
});
