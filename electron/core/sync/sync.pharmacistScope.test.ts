import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { postgresUrl } from '../../../server/test-support/databases';
import { m, type Workstation } from '../../../server/test-support/hospital';
import { review, signDecision } from '../../../server/test-support/review';
import { demo, startClinic, type TestWorkstation } from './testing/clinic';

/**
 * Issue 8, item 5: a pharmacist's devices hold the prescriptions waiting for review and those the
 * pharmacist reviewed within the window (30 days), with their patients' context; not every patient
 * who ever had a prescription submitted. Through the real engine, on PGlite and PostgreSQL.
 */
const clinics = [
  { kind: 'pglite', clinic: await startClinic('pglite', 80) },
  ...(postgresUrl ? [{ kind: 'postgres', clinic: await startClinic('postgres', 80) }] : []),
] as const;
type Clinic = (typeof clinics)[number]['clinic'];

const pharmacist2 = { account: 'pharmacist2', password: 'pharmacist2-demo-2026' };
const cached = (ws: TestWorkstation, patientId: string) => ws.query(`SELECT 1 FROM patients WHERE id = ?`, patientId).length === 1;
const cachedRx = (ws: TestWorkstation, patientId: string) =>
  ws.query<{ id: string }>(`SELECT id FROM prescriptions WHERE patient_id = ? ORDER BY id`, patientId).map((r) => r.id);
const inView = (ws: TestWorkstation, userId: string, patientId: string) =>
  ws.query(`SELECT 1 FROM patient_scope WHERE user_id = ? AND patient_id = ?`, userId, patientId).length === 1;

async function actors(clinic: Clinic) {
  const { hospital } = clinic;
  const doctor = await hospital.workstation(demo.doctor.account, demo.doctor.password, 'prescriber');
  const reviewer = await hospital.workstation(demo.pharmacist.account, demo.pharmacist.password, 'reviewer');
  const otherReviewer = await hospital.workstation(pharmacist2.account, pharmacist2.password, 'other-reviewer');
  /** Cardiology patients with no prescription waiting, fresh to each test. */
  const patients = await hospital.db.query<{ id: string }>(
    `SELECT p.id FROM patients p WHERE p.department = 'cardiology'
        AND NOT EXISTS (SELECT 1 FROM prescriptions r WHERE r.patient_id = p.id AND (r.status = 'submitted' OR r.reviewed_by IS NOT NULL))
      ORDER BY p.id LIMIT 4`,
  );
  assert.equal(patients.length, 4, 'enough untouched demo patients');
  async function submit(patientId: string): Promise<string> {
    const encounter = m.addEncounter(patientId);
    const rx = m.submitRx(doctor, patientId, (encounter.payload as { id: string }).id);
    const sent = await hospital.push(doctor, [encounter, rx]);
    assert.deepEqual(sent.body.results.map((r) => r.status), ['applied', 'applied'], JSON.stringify(sent.body));
    return (rx.payload as { id: string }).id;
  }
  /** Returned (a decision that needs no valid day: the demo prescriptions' day is past). */
  async function returnRx(by: Workstation, prescriptionId: string): Promise<void> {
    assert.equal((await review.claim(hospital, by, prescriptionId)).status, 200);
    const decided = await review.decide(hospital, by, signDecision(by, { prescriptionId, decision: 'return', reasons: ['inappropriate.dose-or-frequency'], note: '请核对剂量' }));
    assert.equal(decided.status, 200, JSON.stringify(decided.body));
  }
  const reviewedDaysAgo = (prescriptionId: string, days: number) =>
    hospital.db.query(`UPDATE prescriptions SET reviewed_at = $2 WHERE id = $1`, [prescriptionId, new Date(hospital.clock - days * 86_400_000)]);
  return { doctor, reviewer, otherReviewer, patients: patients.map((p) => p.id), submit, returnRx, reviewedDaysAgo };
}

for (const { kind, clinic } of clinics) {
  describe(`a pharmacist's scope [${kind}]`, () => {
    test('a new pharmacist device downloads the waiting patients and the ones this pharmacist reviewed in the window, not the rest', async () => {
      const { reviewer, otherReviewer, patients, submit, returnRx, reviewedDaysAgo } = await actors(clinic);
      const [waiting, mine, theirs, old] = patients as [string, string, string, string];
      await submit(waiting);
      await returnRx(reviewer, await submit(mine));
      await returnRx(otherReviewer, await submit(theirs));
      const oldRx = await submit(old);
      await returnRx(reviewer, oldRx);
      await reviewedDaysAgo(oldRx, 31);

      const device = await clinic.workstation(demo.pharmacist);
      assert.equal(cached(device, waiting), true, 'waiting for review');
      assert.equal(cached(device, mine), true, 'reviewed by this pharmacist today');
      assert.equal(cached(device, theirs), false, 'reviewed by someone else: no longer waiting');
      assert.equal(cached(device, old), false, 'reviewed 31 days ago');
      const onDevice = device.query<{ id: string }>(`SELECT id FROM patients`).map((r) => r.id);
      const inScope = await clinic.hospital.db.query<{ patient_id: string }>(
        `SELECT DISTINCT patient_id FROM prescriptions WHERE status = 'submitted' OR (reviewed_by = $1 AND reviewed_at > $2)`,
        [reviewer.userId, new Date(clinic.hospital.clock - 30 * 86_400_000)],
      );
      assert.deepEqual(onDevice.sort(), inScope.map((r) => r.patient_id).sort(), 'nothing else of the hospital');
    });

    test('a patient reviewed 31 days ago leaves the cache at the next pull, with an audit entry; back in the queue, it returns with its history', async () => {
      const { reviewer, patients, submit, returnRx, reviewedDaysAgo } = await actors(clinic);
      const patient = patients[0]!;
      const first = await submit(patient);
      await returnRx(reviewer, first);
      const device = await clinic.workstation(demo.pharmacist);
      const onServer = async () =>
        (await clinic.hospital.db.query<{ id: string }>(`SELECT id FROM prescriptions WHERE patient_id = $1 ORDER BY id`, [patient])).map((r) => r.id);
      const history = await onServer();
      assert.ok(history.length > 1, 'the demo patient had prescriptions before');
      assert.deepEqual(cachedRx(device, patient), history, 'with the history a reviewer reads');

      await reviewedDaysAgo(first, 31);
      await device.sync();
      assert.equal(cached(device, patient), false, 'the patient left the cache');
      assert.deepEqual(cachedRx(device, patient), [], 'with its prescriptions');
      assert.equal(device.query(`SELECT 1 FROM encounters WHERE patient_id = ?`, patient).length, 0, 'and its encounters');
      const [entry] = device.query<{ detail: string }>(`SELECT detail FROM audit_log WHERE action = 'sync.scope-evicted' ORDER BY seq DESC LIMIT 1`);
      assert.ok(entry, 'the audit chain records the eviction');
      assert.deepEqual(JSON.parse(entry.detail), { left: 1, removed: 1 }, 'as counts, not names');
      assert.equal(entry.detail.includes(patient), false);
      assert.equal((await clinic.hospital.db.query(`SELECT 1 FROM prescriptions WHERE id = $1`, [first])).length, 1, 'nothing deleted on the server');

      const second = await submit(patient);
      await device.sync();
      assert.equal(cached(device, patient), true, 'waiting again: back in scope');
      assert.deepEqual(cachedRx(device, patient), await onServer(), 'with its earlier prescriptions, the one reviewed before among them');
      assert.ok(cachedRx(device, patient).includes(first) && cachedRx(device, patient).includes(second));
    });

    test('an unsent change on a patient that left the scope is kept, and sent once the patient is back', async () => {
      const { otherReviewer, patients, submit, returnRx } = await actors(clinic);
      const patient = patients[0]!;
      const rx = await submit(patient);
      const device = await clinic.workstation(demo.pharmacist);
      assert.equal(cached(device, patient), true);

      // Another pharmacist returns it while this device pulls; meanwhile this pharmacist records an allergy.
      await returnRx(otherReviewer, rx);
      const held = device.link.holdNextResponse(/^\/sync\/pull/);
      const round = device.sync();
      const answer = await held;
      const added = (await device.call('allergies:add', { patientId: patient, allergen: `scope-kept-${randomUUID()}`, reaction: '皮疹' })) as { ok: boolean };
      assert.equal(added.ok, true);
      answer.release();
      await round;
      assert.equal(cached(device, patient), true, 'its copy stays while the change waits');
      assert.equal(device.query(`SELECT 1 FROM outbox WHERE state = 'pending'`).length, 1, 'the change is still in the outbox');

      await submit(patient);
      await device.sync();
      assert.equal(device.query(`SELECT 1 FROM outbox`).length, 0, 'sent and settled');
      assert.equal((await clinic.hospital.db.query(`SELECT 1 FROM allergies WHERE patient_id = $1 AND allergen LIKE 'scope-kept-%'`, [patient])).length, 1, 'on the server');
    });

    test('a physician on the same workstation keeps their department\'s copy; the pharmacist no longer sees it', async () => {
      const { reviewer, patients, submit, returnRx, reviewedDaysAgo } = await actors(clinic);
      const patient = patients[0]!;
      const rx = await submit(patient);
      await returnRx(reviewer, rx);
      const device = await clinic.workstation(demo.pharmacist);
      const second = `${device.connection}-doctor`;
      assert.equal((await device.core.dispatch('auth:signIn', demo.doctor, second)).ok, true);
      await device.sync();
      assert.equal(inView(device, reviewer.userId, patient), true);

      await reviewedDaysAgo(rx, 31);
      await device.sync();
      assert.equal(inView(device, reviewer.userId, patient), false, 'out of the pharmacist\'s view');
      const doctorId = device.query<{ id: string }>(`SELECT id FROM users WHERE account = 'doctor'`)[0]!.id;
      assert.equal(inView(device, doctorId, patient), true, 'still in the cardiologist\'s');
      assert.deepEqual(cachedRx(device, patient).includes(rx), true, 'the cached copy stays');
    });

    test('a pharmacist who is also a physician keeps their department, and loses the review patients that left the window', async () => {
      const { reviewer, patients, submit, returnRx, reviewedDaysAgo } = await actors(clinic);
      const { hospital } = clinic;
      // pharmacist2 also practises in endocrinology for this test (scope_epoch: their scope changed).
      const dual = async (on: boolean) =>
        hospital.db.query(
          `UPDATE users SET roles = $2, department = $3, scope_epoch = scope_epoch + 1 WHERE account = $1`,
          [pharmacist2.account, on ? ['pharmacist', 'physician'] : ['pharmacist'], on ? 'endocrinology' : 'pharmacy'],
        );
      await dual(true);
      try {
        const patient = patients[0]!; // cardiology: in view only while in the review scope
        const rx = await submit(patient);
        const device = await clinic.workstation(pharmacist2);
        const userId = device.query<{ id: string }>(`SELECT id FROM users WHERE account = ?`, pharmacist2.account)[0]!.id;
        const ownPatients = device.query<{ id: string }>(`SELECT id FROM patients WHERE department = 'endocrinology' ORDER BY id`).map((r) => r.id);
        assert.ok(ownPatients.length > 0, 'their department downloaded');
        assert.equal(inView(device, userId, patient), true, 'waiting for review');

        await returnRx(reviewer, rx);
        await reviewedDaysAgo(rx, 31);
        await device.sync();
        assert.equal(inView(device, userId, patient), false, 'reviewed by another pharmacist: out of their view');
        assert.equal(cached(device, patient), false, 'and out of the cache');
        const kept = device.query<{ id: string }>(`SELECT id FROM patients WHERE department = 'endocrinology' ORDER BY id`).map((r) => r.id);
        assert.deepEqual(kept, ownPatients, 'every patient of their department stays');
        assert.ok(ownPatients.every((id) => inView(device, userId, id)));
      } finally {
        await dual(false);
      }
    });
  });
}
