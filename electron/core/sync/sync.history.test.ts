import assert from 'node:assert/strict';
import { test } from 'node:test';
import { m } from '../../../server/test-support/hospital';
import { demo, startClinic } from './testing/clinic';

// Issue 8, item 3: a cached row never goes back in time (DESIGN.md "Offline rules").
const clinic = await startClinic('pglite', 30);

test("the pharmacist's first sign-in on a shared station replays old copies, and the newer phone and removal stay", async () => {
  const { hospital } = clinic;
  // Another physician's workstation, straight on the wire: a prescription sent for review (its
  // patient's context goes to the pharmacists then), voided, and only then the phone edited and
  // an allergy removed: the pharmacists' view holds the older copies, not the newer.
  const prescriber = await hospital.workstation(demo.doctor.account, demo.doctor.password, 'elsewhere');
  const [patient] = await hospital.db.query<{ id: string }>(
    `SELECT id FROM patients p WHERE department = 'cardiology' AND NOT EXISTS (SELECT 1 FROM prescriptions r WHERE r.patient_id = p.id AND r.status = 'submitted') ORDER BY id LIMIT 1`,
  );
  assert.ok(patient);
  const encounter = m.addEncounter(patient.id);
  const allergy = m.addAllergy(patient.id, 'history-test-allergen');
  const rx = m.submitRx(prescriber, patient.id, (encounter.payload as { id: string }).id);
  const pushed = async (mutation: ReturnType<typeof m.voidRx>) => {
    const answer = await hospital.push(prescriber, [mutation]);
    assert.equal(answer.status, 200);
    assert.ok(answer.body.results.every((r) => r.status === 'applied'), JSON.stringify(answer.body.results));
  };
  for (const mutation of [encounter, allergy, rx, m.voidRx((rx.payload as { id: string }).id)]) await pushed(mutation);
  const [{ version }] = (await hospital.db.query<{ version: number }>(`SELECT version FROM patients WHERE id = $1`, [patient.id])) as [{ version: number }];
  await pushed(m.setPhone(patient.id, '13700000777', version));
  await pushed(m.removeAllergy((allergy.payload as { id: string }).id));

  // The shared station: the physician is up to date first.
  const station = await clinic.workstation(demo.doctor);
  const current = () => ({
    phone: station.query<{ phone: string }>(`SELECT phone FROM patients WHERE id = ?`, patient.id)[0]?.phone,
    allergy: station.query<{ status: string }>(`SELECT status FROM allergies WHERE allergen = 'history-test-allergen'`)[0]?.status,
  });
  assert.deepEqual(current(), { phone: '13700000777', allergy: 'removed' });

  // The pharmacist signs in there for the first time: their pull starts at 0.
  assert.equal(((await station.core.dispatch('auth:signIn', demo.pharmacist, 'c-pharmacist')) as { ok: boolean }).ok, true);
  await station.sync();
  const rxRow = station.query<{ status: string }>(`SELECT status FROM prescriptions WHERE id = ?`, (rx.payload as { id: string }).id);
  assert.deepEqual(rxRow, [{ status: 'voided' }], "the pharmacist's pull did run over this patient");
  assert.deepEqual(current(), { phone: '13700000777', allergy: 'removed' }, 'older copies never overwrite newer ones');
});
