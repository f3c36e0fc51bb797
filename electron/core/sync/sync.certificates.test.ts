import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verifyCertificate, type IssuedCertificate } from '../../../shared/signing/certificate';
import { mutationPayloads } from '../../../shared/sync/wire';
import { caller, item } from '../rx/rxTestKit';
import { demo, startClinic, type TestWorkstation } from './testing/clinic';

/** Signing keys certified by the hospital CA at an online sign-in (issue 8, item 11). */
const clinic = await startClinic('pglite', 60);

function cardiacPatient(ws: TestWorkstation): { id: string; icd10: string } {
  const found = ws.query<{ id: string; icd10: string }>(
    `SELECT p.id, d.icd10 FROM patients p JOIN diagnoses d ON d.patient_id = p.id
      WHERE d.icd10 LIKE 'I%' AND d.setting = 'in-person' AND p.birth_date < '2000-01-01'
        AND p.id NOT IN (SELECT patient_id FROM allergies)
      ORDER BY p.id LIMIT 1`,
  )[0];
  assert.ok(found, 'the demo department has such a patient');
  return found;
}

/** Drafts amlodipine and asks to sign it; answers the sign call's code ('ok' when queued). */
async function trySign(ws: TestWorkstation, patient: { id: string; icd10: string }): Promise<string> {
  const doc = caller(ws.core, ws.connection);
  const visit = await doc.ok('rx:visit:open', { patientId: patient.id });
  const draft = visit.drafts[0]!;
  const content = { ...draft.content, items: [item('amlodipine', 5, 'mg', 'qd', 28, patient.icd10)] };
  const saved = await doc.ok('rx:draft:save', { draftId: draft.id, content });
  const overrides = Object.fromEntries(saved.check.alerts.filter((a) => a.severity === 'override').map((a) => [a.key, '患者既往耐受此剂量']));
  if (Object.keys(overrides).length > 0) await doc.ok('rx:draft:save', { draftId: draft.id, content: { ...content, overrides } });
  const preview = await doc.ok('rx:sign:preview', { draftId: draft.id });
  return doc.code('rx:sign', { draftId: draft.id, digest: preview.digest });
}

const localKey = (ws: TestWorkstation, userId: string) =>
  ws.query<{ public_key: string; certificate_id: string | null; certificate: string | null }>(`SELECT public_key, certificate_id, certificate FROM signing_keys WHERE user_id = ?`, userId)[0];
const outboxSize = (ws: TestWorkstation) => ws.query<{ n: number }>(`SELECT count(*) AS n FROM outbox`)[0]!.n;

test('an online sign-in registers the signing key; the signature names its certificate and the server accepts it', async () => {
  const ws = await clinic.workstation(demo.doctor);
  const [user] = await clinic.hospital.db.query<{ id: string }>(`SELECT id FROM users WHERE account = 'doctor'`);
  const key = localKey(ws, user!.id);
  assert.ok(key?.certificate_id, 'the key is certified at the online sign-in');
  const issued = JSON.parse(key.certificate!) as IssuedCertificate;
  assert.equal(issued.certificate.publicKey, key.public_key);
  assert.ok(verifyCertificate(issued, issued.caPublicKey), 'the stored certificate verifies under the hospital CA key');
  const registered = await clinic.hospital.db.query<{ serial: string; public_key: string }>(`SELECT serial, public_key FROM signing_certificates WHERE user_id = $1`, [user!.id]);
  assert.deepEqual(registered, [{ serial: key.certificate_id, public_key: key.public_key }], 'registered once, through the real route');

  assert.equal(await trySign(ws, cardiacPatient(ws)), 'ok');
  const [queued] = ws.query<{ payload: string }>(`SELECT payload FROM outbox WHERE kind = 'prescription.submit'`);
  const payload = mutationPayloads['prescription.submit'].parse(JSON.parse(queued!.payload));
  assert.equal(payload.signature?.certificateId, key.certificate_id);
  await ws.sync();
  const [stored] = await clinic.hospital.db.query<{ signature_certificate_id: string }>(`SELECT signature_certificate_id FROM prescriptions WHERE id = $1`, [payload.id]);
  assert.equal(stored?.signature_certificate_id, key.certificate_id, 'accepted by the server against the registry');
  // Signing in online again does not register the key again.
  assert.equal(((await ws.call('auth:signIn', demo.doctor)) as { ok: boolean }).ok, true);
  assert.equal((await clinic.hospital.db.query(`SELECT 1 FROM signing_certificates WHERE user_id = $1`, [user!.id])).length, 1);
});

test('a key without a certificate does not sign (sign in online once); the next online sign-in certifies it', async () => {
  const ws = await clinic.workstation(demo.doctor2);
  const [user] = await clinic.hospital.db.query<{ id: string }>(`SELECT id FROM users WHERE account = 'doctor2'`);
  // As a store from before certificates holds it: a key, no certificate.
  ws.query(`UPDATE signing_keys SET certificate_id = NULL, certificate = NULL WHERE user_id = ? RETURNING user_id`, user!.id);
  const patient = ws.query<{ id: string; icd10: string }>(
    `SELECT p.id, d.icd10 FROM patients p JOIN diagnoses d ON d.patient_id = p.id WHERE d.setting = 'in-person' AND p.id NOT IN (SELECT patient_id FROM allergies) ORDER BY p.id LIMIT 1`,
  )[0]!;
  const before = outboxSize(ws);
  assert.equal(await trySign(ws, patient), 'SIGNING_KEY_NOT_CERTIFIED');
  assert.equal(outboxSize(ws), before, 'nothing queued');

  assert.equal(((await ws.call('auth:signIn', demo.doctor2)) as { ok: boolean }).ok, true);
  const key = localKey(ws, user!.id);
  assert.ok(key?.certificate_id, 'certified at this online sign-in');
  assert.notEqual(await trySign(ws, patient), 'SIGNING_KEY_NOT_CERTIFIED');
});

test('an expired certificate is renewed at the next online sign-in, with a new key; earlier signatures keep their certificate', async () => {
  const ws = await clinic.workstation(demo.doctor);
  const [user] = await clinic.hospital.db.query<{ id: string }>(`SELECT id FROM users WHERE account = 'doctor'`);
  const before = localKey(ws, user!.id)!;
  const issued = JSON.parse(before.certificate!) as IssuedCertificate;
  const started = clinic.hospital.clock;
  try {
    // A day past the certificate's end (2 years), as the hospital's and the workstation's clocks read.
    clinic.hospital.clock = Date.parse(issued.certificate.notAfter) + 86_400_000;
    assert.equal(((await ws.call('auth:signIn', demo.doctor)) as { ok: boolean }).ok, true);
    const after = localKey(ws, user!.id)!;
    assert.notEqual(after.certificate_id, before.certificate_id, 'a new certificate');
    assert.notEqual(after.public_key, before.public_key, 'for a new key');
    const renewed = JSON.parse(after.certificate!) as IssuedCertificate;
    assert.ok(Date.parse(renewed.certificate.notAfter) > clinic.hospital.clock, 'valid from now on');
    const registered = await clinic.hospital.db.query<{ serial: string }>(`SELECT serial FROM signing_certificates WHERE user_id = $1 AND serial = ANY($2::text[])`, [user!.id, [before.certificate_id!, after.certificate_id!]]);
    assert.equal(registered.length, 2, 'the old certificate stays on the server for the signatures made with it');
  } finally {
    clinic.hospital.clock = started;
  }
});
