import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PushResponse } from '../../shared/sync/wire';
import { appendChanges, serverMeta } from '../feed/append';
import { dbVariants, skipPostgres } from '../test-support/databases';
import { spawnServer } from '../test-support/child';
import { demo, m, signedHeaders, TestHospital, type Workstation } from '../test-support/hospital';

async function departmentPatients(hospital: TestHospital, department: string): Promise<string[]> {
  const rows = await hospital.db.query<{ id: string }>(`SELECT id FROM patients WHERE department = $1 ORDER BY id`, [department]);
  return rows.map((r) => r.id);
}

for (const { kind, skip } of dbVariants) {
  describe(`feed ordering [${kind}]`, { skip }, () => {
    let hospital: TestHospital;
    before(async () => {
      hospital = await TestHospital.start(kind, { patients: 30 });
    });
    after(() => hospital.stop());

    test('a writer that numbers changes waits for the earlier one to commit', async () => {
      const patientId = (await departmentPatients(hospital, 'cardiology'))[0]!;
      let releaseFirst!: () => void;
      const firstHolding = new Promise<void>((resolve) => (releaseFirst = resolve));
      let firstNumbered!: () => void;
      const numbered = new Promise<void>((resolve) => (firstNumbered = resolve));
      const first = hospital.db.transaction(async (tx) => {
        const seq = await appendChanges(tx, 'patients', [patientId], serverMeta);
        firstNumbered();
        await firstHolding;
        return seq;
      });
      await numbered;
      let secondDone = false;
      const second = hospital.db.transaction((tx) => appendChanges(tx, 'patients', [patientId], serverMeta)).then((seq) => ((secondDone = true), seq));
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(secondDone, false, 'the second writer must not number a change while the first is uncommitted');
      releaseFirst();
      const [a, b] = await Promise.all([first, second]);
      assert.equal(b, a + 1);
    });

    test('concurrent pushes never open a gap behind a concurrent reader\'s cursor', async () => {
      const patients = await departmentPatients(hospital, 'cardiology');
      const writers: Workstation[] = [];
      for (let i = 0; i < 4; i++) writers.push(await hospital.workstation(demo.doctor.account, demo.doctor.password, `writer-${i}`));
      const reader = await hospital.workstation(demo.doctor.account, demo.doctor.password, 'reader');
      const start = await hospital.pullAll(reader);
      const seen: number[] = [];
      let writing = true;
      const readerLoop = (async () => {
        const state = { ...start.state };
        while (writing) {
          const { changes } = await hospital.pullAll(reader, state, 17);
          // Yield to the event loop: PGlite and inject can resolve a pull in microtasks alone,
          // which would starve the pushes' request streams.
          await new Promise((resolve) => setImmediate(resolve));
          seen.push(...changes.map((c) => c.seq));
        }
        const { changes } = await hospital.pullAll(reader, state, 17);
        seen.push(...changes.map((c) => c.seq));
      })();
      const pushes = writers.map(async (ws, w) => {
        for (let round = 0; round < 12; round++) {
          const batch = [0, 1, 2].map((k) => m.addAllergy(patients[(w * 7 + round * 3 + k) % patients.length]!, `allergen-${w}-${round}-${k}`));
          const answer = await hospital.push(ws, batch);
          assert.ok(answer.body.results.every((r) => r.status === 'applied'));
        }
      });
      await Promise.all(pushes);
      writing = false;
      await readerLoop;
      const everything = await hospital.pullAll(await hospital.workstation(demo.doctor.account, demo.doctor.password, 'fresh'));
      const expected = everything.changes.map((c) => c.seq).filter((s) => s > start.state.cursor);
      assert.equal(expected.length, 4 * 12 * 3);
      assert.deepEqual(seen, expected, 'the reader saw every change exactly once, in order');
    });
  });
}

describe('server killed mid-push [postgres]', { skip: skipPostgres }, () => {
  test('SIGKILL during a push, restart, re-push: nothing lost, nothing duplicated', async () => {
    const hospital = await TestHospital.start('postgres', { patients: 30 });
    try {
      const doctor = await hospital.workstation(demo.doctor.account, demo.doctor.password);
      const patients = await departmentPatients(hospital, 'cardiology');
      const batch = Array.from({ length: 400 }, (_, i) => m.addAllergy(patients[i % patients.length]!, `kill-test-${i}`));
      const body = JSON.stringify({ deviceId: doctor.deviceId, batch });
      const push = (baseUrl: string) => fetch(`${baseUrl}/sync/push`, { method: 'POST', headers: signedHeaders(doctor, 'POST', '/sync/push', body), body });
      const applied = async () => (await hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mutations WHERE device_id = $1`, [doctor.deviceId]))[0]!.n;

      const first = await spawnServer(['--database-url', hospital.testDb.url!]);
      let settled = false;
      const interrupted = push(first.baseUrl).then(
        async (response) => ((settled = true), `answered ${response.status}: ${await response.text()}`),
        () => ((settled = true), 'connection lost'),
      );
      while (!settled && (await applied()) < 20) await new Promise((resolve) => setTimeout(resolve, 5));
      first.child.kill('SIGKILL');
      await first.exited;
      assert.equal(await interrupted, 'connection lost');
      const before = await applied();
      assert.ok(before > 0 && before < batch.length, `killed mid-batch (${before} of ${batch.length} applied)`);

      const second = await spawnServer(['--database-url', hospital.testDb.url!]);
      try {
        const answer = (await (await push(second.baseUrl)).json()) as PushResponse;
        const statuses = answer.results.map((r) => r.status);
        assert.equal(statuses.filter((s) => s === 'duplicate').length, before);
        assert.equal(statuses.filter((s) => s === 'applied').length, batch.length - before);
      } finally {
        second.child.kill('SIGTERM');
        await second.exited;
      }
      const [rows] = await hospital.db.query<{ allergies: number; feed: number; distinct_feed: number }>(
        `SELECT (SELECT count(*)::int FROM allergies WHERE allergen LIKE 'kill-test-%') AS allergies,
                (SELECT count(*)::int FROM changes c JOIN mutations mu ON mu.id = c.mutation_id WHERE mu.device_id = $1) AS feed,
                (SELECT count(DISTINCT mutation_id)::int FROM changes c JOIN mutations mu ON mu.id = c.mutation_id WHERE mu.device_id = $1) AS distinct_feed`,
        [doctor.deviceId],
      );
      assert.deepEqual(rows, { allergies: 400, feed: 400, distinct_feed: 400 });
      const [gaps] = await hospital.db.query<{ max: number; n: number }>(`SELECT max(seq)::int AS max, count(*)::int AS n FROM changes`);
      assert.equal(gaps!.max, gaps!.n, 'the feed has no holes');
    } finally {
      await hospital.stop();
    }
  });
});
