import assert from 'node:assert/strict';
import { test } from 'node:test';
import { m } from '../../../server/test-support/hospital';
import { demo, startClinic, type TestWorkstation } from './testing/clinic';

// Issue 8, item 4: when a user gains access to a patient, every device of theirs gets the chart.
const clinic = await startClinic('pglite', 30);

const chartTables = ['encounters', 'diagnoses', 'allergies', 'prescriptions', 'labs'] as const;
type Chart = Record<(typeof chartTables)[number], string[]>;
const chartOf = (ws: TestWorkstation, patientId: string): Chart =>
  Object.fromEntries(
    chartTables.map((table) => [table, ws.query<{ id: string }>(`SELECT id FROM ${table} WHERE patient_id = ? ORDER BY id`, patientId).map((r) => r.id)]),
  ) as Chart;

test("a pharmacist's write brings the patient's earlier chart to the device they already had, as to a fresh one", async () => {
  const { hospital } = clinic;
  const [patient] = await hospital.db.query<{ id: string }>(
    `SELECT p.id FROM patients p WHERE p.department = 'cardiology'
        AND NOT EXISTS (SELECT 1 FROM prescriptions r WHERE r.patient_id = p.id AND r.status = 'submitted')
        AND EXISTS (SELECT 1 FROM labs l WHERE l.patient_id = p.id)
        AND (SELECT count(*) FROM encounters e WHERE e.patient_id = p.id) > 1
      ORDER BY p.id LIMIT 1`,
  );
  assert.ok(patient, 'a demo patient with labs and several encounters');
  const pharmacistDevice = await clinic.workstation(demo.pharmacist);

  // A physician sends a prescription for review: the pharmacists receive its patient's context.
  const prescriber = await hospital.workstation(demo.doctor.account, demo.doctor.password, 'prescriber');
  const encounter = m.addEncounter(patient.id);
  const sent = await hospital.push(prescriber, [encounter, m.submitRx(prescriber, patient.id, (encounter.payload as { id: string }).id)]);
  assert.ok(sent.body.results.every((r) => r.status === 'applied'), JSON.stringify(sent.body));
  await pharmacistDevice.sync();
  assert.equal(chartOf(pharmacistDevice, patient.id).labs.length, 0, 'the review context holds no labs');

  // The pharmacist records an allergy on that device: the patient is now theirs to see in full.
  const added = (await pharmacistDevice.call('allergies:add', { patientId: patient.id, allergen: 'scope-growth-allergen', reaction: '皮疹' })) as { ok: boolean };
  assert.equal(added.ok, true);
  await pharmacistDevice.sync();
  await pharmacistDevice.sync();

  const fresh = await clinic.workstation(demo.pharmacist);
  const onServer = Object.fromEntries(
    await Promise.all(
      chartTables.map(async (table) => [
        table,
        (await hospital.db.query<{ id: string }>(`SELECT id FROM ${table} WHERE patient_id = $1 ORDER BY id`, [patient.id])).map((r) => r.id),
      ]),
    ),
  ) as Chart;
  assert.ok(onServer.labs.length > 0);
  assert.deepEqual(chartOf(fresh, patient.id), onServer, 'a fresh device has the whole chart');
  assert.deepEqual(chartOf(pharmacistDevice, patient.id), onServer, 'and so does the device the pharmacist already had');
});
