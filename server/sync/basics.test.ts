import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Change, PullResponse, PushResponse } from '../../shared/sync/wire';
import { migrations } from '../db/migrations';
import { dbVariants } from '../test-support/databases';
import { demo, m, patientOf, TestHospital, type Workstation } from '../test-support/hospital';

/** Sync basics: sign-in, push at most once, pull paging, on both databases. */
for (const { kind, skip } of dbVariants) {
  describe(`sync basics [${kind}]`, { skip }, () => {
    let hospital: TestHospital;
    let doctor: Workstation;
    before(async () => {
      hospital = await TestHospital.start(kind, { patients: 40 });
      doctor = await hospital.workstation(demo.doctor.account, demo.doctor.password);
    });
    after(() => hospital.stop());

    test('health answers with the schema version', async () => {
      const health = await hospital.request('GET', '/health');
      assert.equal(health.status, 200);
      assert.deepEqual(health.body, { status: 'ok', database: kind === 'pglite' ? 'pglite' : 'postgres', schemaVersion: migrations.length });
    });

    test('a new device is pending until an admin approves it', async () => {
      const device = await hospital.registerDevice('new-laptop');
      const early = await hospital.signIn(device, demo.doctor.account, demo.doctor.password);
      assert.equal(early.status, 403);
      assert.equal((early.body as unknown as { error: { code: string } }).error.code, 'DEVICE_PENDING');
      await hospital.approve(device.id);
      const late = await hospital.signIn(device, demo.doctor.account, demo.doctor.password);
      assert.equal(late.status, 200);
      const wrong = await hospital.signIn(device, demo.doctor.account, 'not-the-password');
      assert.equal(wrong.status, 401);
    });

    test('a signature from another key is refused', async () => {
      const device = await hospital.registerDevice('a');
      const other = await hospital.registerDevice('b');
      await hospital.approve(device.id);
      const forged = await hospital.signIn({ ...device, privateKey: other.privateKey }, demo.doctor.account, demo.doctor.password);
      assert.equal(forged.status, 401);
      assert.equal((forged.body as unknown as { error: { code: string } }).error.code, 'BAD_SIGNATURE');
    });

    test('the first pull has users (never with a password hash: issue 8, item 9) and the department\'s patients', async () => {
      const { changes } = await hospital.pullAll(doctor);
      for (const change of changes) Change.parse(change);
      const users = changes.filter((c) => c.table === 'users');
      assert.ok(users.some((c) => c.row.account === 'doctor'));
      assert.deepEqual(users.filter((c) => c.row.password_hash !== ''), [], 'the retired column is always empty');
      const patients = changes.filter((c) => c.table === 'patients');
      assert.ok(patients.length > 0);
      assert.ok(patients.every((c) => c.row.department === 'cardiology'));
      const [{ n }] = (await hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM patients WHERE department = 'cardiology'`)) as [{ n: number }];
      assert.equal(patients.length, n);
    });

    test('paging with a small limit returns exactly the same changes in seq order', async () => {
      const all = await hospital.pullAll(doctor, { cursor: 0 }, 2000);
      const paged = await hospital.pullAll(doctor, { cursor: 0 }, 7);
      assert.deepEqual(paged.changes.map((c) => c.seq), all.changes.map((c) => c.seq));
      const seqs = all.changes.map((c) => c.seq);
      assert.ok(seqs.every((s, i) => i === 0 || s > seqs[i - 1]!), 'seqs strictly increase');
      const last = await hospital.pull(doctor, all.state.cursor, { scopeEpoch: all.state.scopeEpoch! });
      PullResponse.parse(last.body);
      assert.deepEqual([last.body.changes.length, last.body.hasMore, last.body.nextCursor], [0, false, all.state.cursor]);
    });

    test('the same batch pushed twice applies once and answers the same', async () => {
      const patient = await patientOf(hospital.db, 'cardiology');
      const encounterId = crypto.randomUUID();
      const batch = [m.addEncounter(patient.id, encounterId), m.addAllergy(patient.id, 'penicillin'), m.addDiagnosis(patient.id, encounterId)];
      const feedBefore = await count(hospital, 'changes');
      const first = await hospital.push(doctor, batch);
      assert.equal(first.status, 200);
      PushResponse.parse(first.body);
      assert.deepEqual(first.body.results.map((r) => r.status), ['applied', 'applied', 'applied']);
      const feedAfter = await count(hospital, 'changes');
      assert.equal(feedAfter - feedBefore, 3);

      const again = await hospital.push(doctor, batch);
      assert.deepEqual(again.body.results.map((r) => r.status), ['duplicate', 'duplicate', 'duplicate']);
      assert.deepEqual(again.body.results.map((r) => (r.status === 'duplicate' ? r.original : null)), first.body.results.map(({ mutationId: _, ...o }) => o));
      // Delivered again, out of order: still nothing new.
      const reversed = await hospital.push(doctor, [...batch].reverse());
      assert.ok(reversed.body.results.every((r) => r.status === 'duplicate'));
      assert.equal(await count(hospital, 'changes'), feedAfter);
      assert.equal(await count(hospital, 'encounters', `id = '${encounterId}'`), 1);
    });

    test('a batch that depends on a later one is retried, not lost', async () => {
      const patient = await patientOf(hospital.db, 'cardiology');
      const encounterId = crypto.randomUUID();
      const later = [m.addDiagnosis(patient.id, encounterId)];
      const early = [m.addEncounter(patient.id, encounterId)];
      const tooSoon = await hospital.push(doctor, later);
      assert.deepEqual(tooSoon.body.results[0], { mutationId: later[0]!.mutationId, status: 'rejected', reason: 'DEPENDENCY_MISSING', message: tooSoon.body.results[0]!.status === 'rejected' ? tooSoon.body.results[0]!.message : '', retryable: true });
      assert.equal((await hospital.push(doctor, early)).body.results[0]!.status, 'applied');
      assert.equal((await hospital.push(doctor, later)).body.results[0]!.status, 'applied');
      assert.equal(await count(hospital, 'diagnoses', `encounter_id = '${encounterId}'`), 1);
    });

    test('a pushed change reaches the other device of the same department, once', async () => {
      const other = await hospital.workstation(demo.doctor.account, demo.doctor.password, 'second-ws');
      const start = await hospital.pullAll(other);
      const patient = await patientOf(hospital.db, 'cardiology');
      const push = await hospital.push(doctor, [m.addAllergy(patient.id, 'seafood')]);
      assert.equal(push.body.results[0]!.status, 'applied');
      const next = await hospital.pullAll(other, start.state);
      assert.equal(next.changes.length, 1);
      assert.equal(next.changes[0]!.table, 'allergies');
      assert.equal(next.changes[0]!.row.patient_id, patient.id);
    });
  });
}

async function count(hospital: TestHospital, table: string, where = 'true'): Promise<number> {
  const [row] = await hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`);
  return row!.n;
}
