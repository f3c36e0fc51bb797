import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PushResult } from '../../shared/sync/wire';
import { dbVariants } from '../test-support/databases';
import { demo, m, patientOf, TestHospital, type Workstation } from '../test-support/hospital';

const patientIds = (changes: { table: string; row: { id: string } }[]) => new Set(changes.filter((c) => c.table === 'patients').map((c) => c.row.id));
const errorCode = (body: unknown) => (body as { error: { code: string } }).error.code;
const status = (r: PushResult | undefined) => (r?.status === 'duplicate' ? r.original.status : r?.status);

/** What each device may pull, and what happens when that changes. */
for (const { kind, skip } of dbVariants) {
  describe(`scope [${kind}]`, { skip }, () => {
    let hospital: TestHospital;
    let doctor: Workstation;
    let doctor2: Workstation;
    let pharmacist: Workstation;
    before(async () => {
      hospital = await TestHospital.start(kind, { patients: 40 });
      doctor = await hospital.workstation(demo.doctor.account, demo.doctor.password);
      doctor2 = await hospital.workstation(demo.doctor2.account, demo.doctor2.password);
      pharmacist = await hospital.workstation(demo.pharmacist.account, demo.pharmacist.password);
    });
    after(() => hospital.stop());

    test('a physician sees their department only; a pharmacist sees no patients until one is queued', async () => {
      const cardiology = new Set((await hospital.db.query<{ id: string }>(`SELECT id FROM patients WHERE department = 'cardiology'`)).map((r) => r.id));
      const endocrinology = new Set((await hospital.db.query<{ id: string }>(`SELECT id FROM patients WHERE department = 'endocrinology'`)).map((r) => r.id));
      assert.deepEqual(patientIds((await hospital.pullAll(doctor)).changes), cardiology);
      assert.deepEqual(patientIds((await hospital.pullAll(doctor2)).changes), endocrinology);
      const pharmacy = await hospital.pullAll(pharmacist);
      // Global tables only; the signer certificates are among them (issue 8, item 11 step 4).
      assert.deepEqual(new Set(pharmacy.changes.map((c) => c.table)), new Set(['users', 'formulary', 'signing_certificates']));
    });

    test('a client pulls only the tables it can apply, so a newer server never breaks it', async () => {
      const all = await hospital.pull(pharmacist, 0, { limit: 2000 });
      assert.ok(all.body.changes.some((c) => c.table === 'formulary'));
      const older = await hospital.pull(pharmacist, 0, { limit: 2000, tables: 'users,patients,some_future_table' });
      assert.equal(older.status, 200);
      assert.deepEqual(new Set(older.body.changes.map((c) => c.table)), new Set(['users']));
      assert.equal((await hospital.pull(pharmacist, 0, { tables: 'users;drop' })).status, 400);
    });

    test('a physician cannot write for a patient of another department', async () => {
      const patient = await patientOf(hospital.db, 'endocrinology');
      const mutation = m.addAllergy(patient.id, 'penicillin');
      const answer = await hospital.push(doctor, [mutation]);
      const result = answer.body.results[0]!;
      assert.equal(result.status === 'rejected' && result.reason, 'FORBIDDEN');
      assert.equal((await hospital.db.query(`SELECT 1 FROM allergies WHERE id = $1`, [(mutation.payload as { id: string }).id])).length, 0);
      assert.equal((await hospital.push(doctor, [mutation])).body.results[0]!.status, 'duplicate');
    });

    test('a submitted prescription reaches the pharmacist with its patient\'s context', async () => {
      const state = (await hospital.pullAll(pharmacist)).state;
      const patient = await patientOf(hospital.db, 'cardiology');
      const encounterId = crypto.randomUUID();
      const rx = m.submitRx(doctor, patient.id, encounterId);
      const answer = await hospital.push(doctor, [m.addAllergy(patient.id, 'aspirin'), m.addEncounter(patient.id, encounterId), rx]);
      assert.deepEqual(answer.body.results.map(status), ['applied', 'applied', 'applied']);
      const { changes } = await hospital.pullAll(pharmacist, state);
      const tables = new Set(changes.map((c) => c.table));
      for (const table of ['prescriptions', 'patients', 'allergies', 'encounters'] as const) assert.ok(tables.has(table), `pharmacist gets ${table}`);
      assert.deepEqual(patientIds(changes), new Set([patient.id]), 'only the queued patient');
      assert.ok(changes.some((c) => c.table === 'prescriptions' && c.row.id === (rx.payload as { id: string }).id && c.row.status === 'submitted'));
      // Later news about a queued patient follows.
      await hospital.push(doctor, [m.addAllergy(patient.id, 'seafood')]);
      assert.equal((await hospital.pullAll(pharmacist, state)).changes.filter((c) => c.table === 'allergies').length, 1);
    });

    test('a department move backfills the new department and keeps the physician\'s own patients', async () => {
      const mover = await hospital.createAccount('mover', ['physician'], 'cardiology');
      const ws = await hospital.workstation('mover', 'mover-password');
      const authored = await patientOf(hospital.db, 'cardiology');
      await hospital.push(ws, [m.addAllergy(authored.id, 'penicillin')]);
      const before = await hospital.pullAll(ws);
      const admin = await hospital.admin();
      const move = await hospital.request<{ scopeEpoch: number }>('PATCH', `/admin/accounts/${mover}`, { token: admin.token, body: { department: 'endocrinology' } });
      assert.equal(move.status, 200);
      assert.equal(move.body.scopeEpoch, before.state.scopeEpoch! + 1);

      const first = await hospital.pull(ws, before.state.cursor, { scopeEpoch: before.state.scopeEpoch! });
      assert.equal(first.body.reset, true, 'the old cursor is ignored');
      const after = await hospital.pullAll(ws, before.state);
      const endocrinology = (await hospital.db.query<{ id: string }>(`SELECT id FROM patients WHERE department = 'endocrinology'`)).map((r) => r.id);
      assert.deepEqual(patientIds(after.changes), new Set([...endocrinology, authored.id]));
      assert.equal(after.resets, 1);
      // Once backfilled, pulls continue from the cursor.
      const next = await hospital.pull(ws, after.state.cursor, { scopeEpoch: after.state.scopeEpoch! });
      assert.deepEqual([next.body.reset, next.body.changes.length], [false, 0]);
    });

    test('a revoked device is refused with DEVICE_REVOKED and nothing it sends is written', async () => {
      const ws = await hospital.workstation(demo.doctor.account, demo.doctor.password, 'stolen-laptop');
      const admin = await hospital.admin();
      assert.equal((await hospital.request('POST', `/admin/devices/${ws.deviceId}/revoke`, { token: admin.token })).status, 200);
      const patient = await patientOf(hospital.db, 'cardiology');
      const mutation = m.addAllergy(patient.id, 'latex');
      const push = await hospital.push(ws, [mutation]);
      assert.deepEqual([push.status, errorCode(push.body)], [403, 'DEVICE_REVOKED']);
      const pull = await hospital.pull(ws, 0);
      assert.deepEqual([pull.status, errorCode(pull.body)], [403, 'DEVICE_REVOKED']);
      assert.equal((await hospital.db.query(`SELECT 1 FROM mutations WHERE id = $1`, [mutation.mutationId])).length, 0);
      const again = await hospital.signIn(ws.device, demo.doctor.account, demo.doctor.password);
      assert.equal(again.status, 403);
    });

    test('a suspended account is refused everywhere, and devices learn it from the feed', async () => {
      const id = await hospital.createAccount('leaver', ['physician'], 'cardiology');
      const ws = await hospital.workstation('leaver', 'leaver-password');
      const state = (await hospital.pullAll(doctor)).state;
      const admin = await hospital.admin();
      await hospital.request('PATCH', `/admin/accounts/${id}`, { token: admin.token, body: { suspended: true } });
      const pull = await hospital.pull(ws, 0);
      assert.deepEqual([pull.status, errorCode(pull.body)], [403, 'ACCOUNT_SUSPENDED']);
      const news = (await hospital.pullAll(doctor, state)).changes.flatMap((c) => (c.table === 'users' && c.row.id === id ? [c.row] : []));
      assert.equal(news.at(-1)?.suspended, 1);
    });
  });
}
