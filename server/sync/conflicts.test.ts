import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { WireRow, WireTable } from '../../shared/sync/rows';
import type { Change, Mutation, Outcome, PushResult } from '../../shared/sync/wire';
import { dbVariants } from '../test-support/databases';
import { demo, m, patientOf, TestHospital, type Workstation } from '../test-support/hospital';

/** A result's outcome without its mutation id (a duplicate answers with the original outcome). */
const outcome = (r: PushResult | undefined): Outcome => {
  assert.ok(r);
  if (r.status === 'duplicate') return r.original;
  const { mutationId: _, ...rest } = r;
  return rest;
};
const rowsOf = <T extends WireTable>(changes: Change[], table: T): WireRow<T>[] =>
  changes.filter((c) => c.table === table).map((c) => c.row as WireRow<T>);

/** Two workstations editing the same patient offline, then syncing (DESIGN.md "Offline rules"). */
for (const { kind, skip } of dbVariants) {
  describe(`conflicts [${kind}]`, { skip }, () => {
    let hospital: TestHospital;
    let a: Workstation;
    let b: Workstation;
    before(async () => {
      hospital = await TestHospital.start(kind, { patients: 30 });
      await hospital.createAccount('doctor3', ['physician'], 'cardiology');
      a = await hospital.workstation(demo.doctor.account, demo.doctor.password, 'ws-a');
      b = await hospital.workstation('doctor3', 'doctor3-password', 'ws-b');
    });
    after(() => hospital.stop());

    test('both offline allergy adds survive, even for the same allergen', async () => {
      const patient = await patientOf(hospital.db, 'cardiology');
      const fromA = m.addAllergy(patient.id, 'penicillin');
      const fromB = m.addAllergy(patient.id, 'penicillin');
      const fromB2 = m.addAllergy(patient.id, 'aspirin');
      assert.equal(outcome((await hospital.push(a, [fromA])).body.results[0]).status, 'applied');
      assert.deepEqual((await hospital.push(b, [fromB, fromB2])).body.results.map((r) => outcome(r).status), ['applied', 'applied']);
      const ids = [fromA, fromB, fromB2].map((x) => (x.payload as { id: string }).id);
      for (const ws of [a, b]) {
        const allergies = rowsOf((await hospital.pullAll(ws)).changes, 'allergies').filter((r) => ids.includes(r.id));
        assert.equal(new Set(allergies.map((r) => r.id)).size, 3, 'every add is present on every device');
        assert.ok(allergies.every((r) => r.status === 'active'));
      }
    });

    test('removal is a status change with author and reason; a concurrent add survives it', async () => {
      const patient = await patientOf(hospital.db, 'cardiology');
      const add = m.addAllergy(patient.id, 'sulfonamides');
      await hospital.push(a, [add]);
      const allergyId = (add.payload as { id: string }).id;
      const removal = m.removeAllergy(allergyId, 'patient tolerated a full course in 2024');
      const concurrentAdd = m.addAllergy(patient.id, 'cephalosporins');
      assert.equal(outcome((await hospital.push(b, [removal])).body.results[0]).status, 'applied');
      assert.equal(outcome((await hospital.push(a, [concurrentAdd])).body.results[0]).status, 'applied');
      const rows = rowsOf((await hospital.pullAll(a)).changes, 'allergies');
      const removed = rows.filter((r) => r.id === allergyId).at(-1)!;
      assert.equal(removed.status, 'removed');
      assert.equal(removed.status_changed_by, b.userId);
      assert.equal(removed.status_reason, 'patient tolerated a full course in 2024');
      assert.ok(rows.some((r) => r.id === (concurrentAdd.payload as { id: string }).id && r.status === 'active'));
      // Removing again changes nothing and writes nothing to the feed.
      assert.deepEqual(outcome((await hospital.push(a, [m.removeAllergy(allergyId)])).body.results[0]), { status: 'applied', seq: null });
    });

    test('a phone edit on a stale base becomes a conflict that keeps both values', async () => {
      const patient = await patientOf(hospital.db, 'cardiology');
      const base = patient.version;
      const first = await hospital.push(a, [m.setPhone(patient.id, '13800000001', base)]);
      assert.equal(outcome(first.body.results[0]).status, 'applied');
      const second = await hospital.push(b, [m.setPhone(patient.id, '13900000002', base)]);
      const result = outcome(second.body.results[0]);
      assert.equal(result.status, 'conflict');
      // The server's order stands; the other value is kept beside it.
      const after = await patientOf(hospital.db, 'cardiology');
      assert.deepEqual([after.phone, after.version], ['13800000001', base + 1]);
      for (const ws of [a, b]) {
        const changes = (await hospital.pullAll(ws)).changes;
        const conflictId: string = result.status === 'conflict' ? result.conflictId : '';
        const conflict: WireRow<'conflicts'> | undefined = rowsOf(changes, 'conflicts').find((c) => c.id === conflictId);
        assert.ok(conflict, 'both devices receive the conflict');
        assert.deepEqual(
          [conflict.kind, conflict.field, conflict.server_value, conflict.client_value, conflict.base_version, conflict.author_id, conflict.status],
          ['stale-field', 'phone', '13800000001', '13900000002', base, b.userId, 'open'],
        );
        assert.equal(rowsOf(changes, 'patients').filter((p) => p.id === patient.id).at(-1)!.phone, '13800000001');
      }
      // A different field on the same stale base is not a conflict; the same value is a no-op.
      const addressEdit: Mutation = { ...m.setPhone(patient.id, '', base), kind: 'patient.field.set', baseVersion: base, payload: { patientId: patient.id, field: 'address', value: '北京市朝阳区' } };
      const address = await hospital.push(b, [addressEdit]);
      assert.equal(outcome(address.body.results[0]).status, 'applied');
      const same = await hospital.push(b, [m.setPhone(patient.id, '13800000001', base)]);
      assert.deepEqual(outcome(same.body.results[0]), { status: 'applied', seq: null });
      // A base the server never issued is refused, and the refusal is remembered.
      const future = m.setPhone(patient.id, '13700000003', base + 99);
      const refused = outcome((await hospital.push(a, [future])).body.results[0]);
      assert.equal(refused.status === 'rejected' && refused.reason, 'INVALID');
      assert.equal((await hospital.push(a, [future])).body.results[0]!.status, 'duplicate');
    });

    test('a clock an hour off still syncs: flagged, and ordered by the server', async () => {
      const patient = await patientOf(hospital.db, 'cardiology');
      const skewed = m.addAllergy(patient.id, 'iodinated contrast', m.time(60 * 60_000));
      const correct = m.addAllergy(patient.id, 'seafood', m.time(-60_000));
      const s1 = outcome((await hospital.push(b, [skewed])).body.results[0]);
      const s2 = outcome((await hospital.push(a, [correct])).body.results[0]);
      assert.ok(s1.status === 'applied' && s2.status === 'applied' && s1.seq! < s2.seq!, 'arrival order, not client time, decides');
      const changes = (await hospital.pullAll(a)).changes;
      const skewedChange = changes.find((c) => c.table === 'allergies' && c.row.id === (skewed.payload as { id: string }).id)!;
      const correctChange = changes.find((c) => c.table === 'allergies' && c.row.id === (correct.payload as { id: string }).id)!;
      assert.deepEqual([skewedChange.clockSkewed, skewedChange.clientTime], [true, skewed.clientTime]);
      assert.equal(correctChange.clockSkewed, false);
      const [stored] = await hospital.db.query<{ clock_skewed: boolean; clock_skew_ms: number }>(`SELECT clock_skewed, clock_skew_ms FROM mutations WHERE id = $1`, [skewed.mutationId]);
      assert.equal(stored!.clock_skewed, true);
      assert.ok(Math.abs(stored!.clock_skew_ms - 3_600_000) < 10 * 60_000);
    });

    test('signed prescriptions: immutable, corrections are versions, a double correction keeps both', async () => {
      const patient = await patientOf(hospital.db, 'cardiology');
      const encounterId = crypto.randomUUID();
      await hospital.push(a, [m.addEncounter(patient.id, encounterId)]);
      const original = m.submitRx(a, patient.id, encounterId);
      const originalId = (original.payload as { id: string }).id;
      assert.equal(outcome((await hospital.push(a, [original])).body.results[0]).status, 'applied');
      // Same id, other content: refused, never merged.
      const tampered = m.submitRx(a, patient.id, encounterId, { id: originalId, drug: 'losartan' });
      const refused = outcome((await hospital.push(a, [tampered])).body.results[0]);
      assert.equal(refused.status === 'rejected' && refused.reason, 'IMMUTABLE');
      // Two devices correct the same version offline: both corrections are kept.
      const fixA = m.submitRx(a, patient.id, encounterId, { previousId: originalId, drug: 'amlodipine' });
      const fixB = m.submitRx(b, patient.id, encounterId, { previousId: originalId, drug: 'nifedipine' });
      assert.equal(outcome((await hospital.push(a, [fixA])).body.results[0]).status, 'applied');
      const branch = outcome((await hospital.push(b, [fixB])).body.results[0]);
      assert.equal(branch.status, 'conflict');
      const rows = await hospital.db.query<{ id: string; status: string; previous_id: string | null }>(
        `SELECT id, status, previous_id FROM prescriptions WHERE id = ANY($1::text[]) ORDER BY id`,
        [[originalId, (fixA.payload as { id: string }).id, (fixB.payload as { id: string }).id]],
      );
      assert.equal(rows.length, 3);
      assert.equal(rows.find((r) => r.id === originalId)!.status, 'superseded');
      assert.equal(rows.filter((r) => r.previous_id === originalId).length, 2);
      const [items] = await hospital.db.query<{ items: string }>(`SELECT items FROM prescriptions WHERE id = $1`, [originalId]);
      assert.match(items!.items, /amlodipine/, 'the signed original is unchanged');
    });
  });
}
