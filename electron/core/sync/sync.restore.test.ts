import assert from 'node:assert/strict';
import { test } from 'node:test';
import { skipPostgres, type DbKind } from '../../../server/test-support/databases';
import { demo, startClinic, type TestWorkstation } from './testing/clinic';

// Issue 8, item 6: a server taken back to an earlier backup is noticed, and loses nothing in the end.
const variants: { kind: DbKind; skip: string | false; how: string }[] = [
  { kind: 'pglite', skip: false, how: 'its PGlite data directory put back from a copy' },
  { kind: 'postgres', skip: skipPostgres, how: 'its PostgreSQL database restored from an earlier pg_dump' },
];

for (const { kind, skip, how } of variants) {
  test(`a server with ${how} gets every confirmed change again, once, and every user's cache matches it`, { skip }, async () => {
    const clinic = await startClinic(kind, 30);
    const { hospital } = clinic;
    const station = await clinic.workstation(demo.doctor);
    const doctor2 = 'c-doctor2';
    const call = async <T>(channel: string, payload: unknown, connection = station.connection): Promise<T> => {
      const answer = (await station.core.dispatch(channel, payload, connection)) as { ok: boolean; value: T };
      assert.equal(answer.ok, true, `${channel}: ${JSON.stringify(answer)}`);
      return answer.value;
    };
    await call('auth:signIn', demo.doctor2, doctor2);
    await station.sync();
    const cardiac = station.query<{ id: string }>(`SELECT id FROM patients WHERE department = 'cardiology' ORDER BY id LIMIT 2`);
    const endocrine = station.query<{ id: string }>(`SELECT id FROM patients WHERE department = 'endocrinology' ORDER BY id LIMIT 1`);

    // Kept by the backup.
    const kept = await call<{ allergyId: string }>('allergies:add', { patientId: cardiac[0]!.id, allergen: 'restore-kept', reaction: '皮疹' });
    await station.sync();
    const backup = await hospital.db.backup();

    // Confirmed after the backup, then lost: mixed kinds, two users of one workstation.
    await call('patients:setContact', { patientId: cardiac[0]!.id, field: 'phone', value: '13600000606' });
    await call('allergies:setStatus', { allergyId: kept.allergyId, status: 'removed', reason: '误录' });
    await call('allergies:add', { patientId: cardiac[1]!.id, allergen: 'restore-lost', reaction: '荨麻疹' });
    await call('allergies:add', { patientId: endocrine[0]!.id, allergen: 'restore-lost-endocrine', reaction: '皮疹' }, doctor2);
    await station.sync();
    assert.equal(station.query(`SELECT 1 FROM outbox`).length, 0, 'every change confirmed: the outbox is empty');
    const settled = station.query<{ mutation_id: string }>(`SELECT mutation_id FROM outbox_settled ORDER BY seq`).map((r) => r.mutation_id);
    assert.equal(settled.length, 5);

    await hospital.db.restore(backup);
    const held = await hospital.db.query<{ id: string }>(`SELECT id FROM mutations WHERE id = ANY($1::text[])`, [settled]);
    assert.equal(held.length, 1, 'the fault happened: the server lost four changes it had confirmed');

    // Another workstation writes after the restore: its changes take the seqs the lost ones had.
    const other = await clinic.workstation(demo.doctor);
    for (let i = 0; i < 6; i++) await other.call('allergies:add', { patientId: cardiac[1]!.id, allergen: `after-restore-${i}`, reaction: '皮疹' });
    await other.sync();

    await station.sync();
    await station.sync();
    await other.sync();

    const all = [...settled, ...other.query<{ mutation_id: string }>(`SELECT mutation_id FROM outbox_settled`).map((r) => r.mutation_id)];
    const logged = await hospital.db.query<{ id: string; n: number }>(`SELECT id, count(*)::int AS n FROM mutations WHERE id = ANY($1::text[]) GROUP BY id`, [all]);
    assert.equal(logged.length, all.length, 'every mutation is in the mutation log');
    assert.ok(logged.every((r) => r.n === 1));
    const fed = await hospital.db.query<{ mutation_id: string }>(`SELECT DISTINCT mutation_id FROM changes WHERE mutation_id = ANY($1::text[])`, [all]);
    assert.equal(fed.length, all.length, 'and in the feed');
    const twice = await hospital.db.query(`SELECT 1 FROM changes WHERE mutation_id = ANY($1::text[]) GROUP BY mutation_id, table_name, row_id HAVING count(*) > 1`, [all]);
    assert.deepEqual(twice, [], 'none twice');

    for (const department of ['cardiology', 'endocrinology']) await assertCacheMatches(station, department);
    await assertCacheMatches(other, 'cardiology');
    const admin = 'c-admin';
    await call('auth:signIn', demo.admin, admin);
    const view = await call<{ feedRewind?: { reason: string; code?: string; resent: number } | null }>('admin:device', {}, admin);
    assert.equal(view.feedRewind?.resent, 5, 'the admin screen can tell what happened');
    assert.ok(view.feedRewind?.code && ['feed-behind-cursor', 'cursor-change-differs'].includes(view.feedRewind.code), 'as a code the screen words in its language');
    assert.equal(station.query(`SELECT 1 FROM audit_log WHERE action = 'sync.feed-rewound'`).length, 1);

    async function assertCacheMatches(ws: TestWorkstation, department: string) {
      const server = await hospital.db.query<{ id: string; phone: string; version: number }>(
        `SELECT id, phone, version FROM patients WHERE department = $1 ORDER BY id`, [department]);
      assert.deepEqual(ws.query(`SELECT id, phone, version FROM patients WHERE department = ? ORDER BY id`, department), server);
      const allergies = await hospital.db.query<{ id: string; allergen: string; status: string }>(
        `SELECT a.id, a.allergen, a.status FROM allergies a JOIN patients p ON p.id = a.patient_id WHERE p.department = $1 ORDER BY a.id`, [department]);
      assert.deepEqual(
        ws.query(`SELECT a.id, a.allergen, a.status FROM allergies a JOIN patients p ON p.id = a.patient_id WHERE p.department = ? ORDER BY a.id`, department),
        allergies,
        `the ${department} allergies match the server's`,
      );
    }
  });
}
