import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Mutation, PushResult } from '../../shared/sync/wire';
import { appendChanges, serverMeta } from '../feed/append';
import type { Database } from '../db/types';
import { dbVariants, skipPostgres } from '../test-support/databases';
import { demo, m, TestHospital, type Workstation } from '../test-support/hospital';

const forbidden = { status: 'rejected', reason: 'FORBIDDEN', message: 'the patient is outside your scope', retryable: false } as const;
const encounterMissing = { status: 'rejected', reason: 'DEPENDENCY_MISSING', message: 'the encounter is not on the server yet; push it first', retryable: true } as const;
const idTaken = { status: 'rejected', reason: 'ID_TAKEN', message: 'this mutation id was used by another author', retryable: false } as const;

const lastSeq = async (db: Database) => (await db.query<{ seq: number }>(`SELECT coalesce(max(seq), 0)::int AS seq FROM changes`))[0]!.seq;
const seqOf = (r: PushResult | undefined) => (r?.status === 'applied' || r?.status === 'conflict' ? r.seq : null);

/** Feed entries of `ids`, as `mutation id → seqs`, and whether the whole feed is numbered without holes. */
async function feedOf(db: Database, ids: readonly string[]) {
  const rows = await db.query<{ mutation_id: string; seq: number }>(`SELECT mutation_id, seq::int AS seq FROM changes WHERE mutation_id = ANY($1::text[]) ORDER BY seq`, [ids]);
  const entries = new Map<string, number[]>();
  for (const row of rows) entries.set(row.mutation_id, [...(entries.get(row.mutation_id) ?? []), row.seq]);
  const [whole] = await db.query<{ max: number; n: number }>(`SELECT coalesce(max(seq), 0)::int AS max, count(*)::int AS n FROM changes`);
  return { entries, gapless: whole!.max === whole!.n };
}

async function patients(db: Database, department: string): Promise<string[]> {
  return (await db.query<{ id: string }>(`SELECT id FROM patients WHERE department = $1 ORDER BY id`, [department])).map((r) => r.id);
}

/**
 * A push is applied in groups of mutations per transaction, each in its own savepoint (push.ts).
 * The answers must be those of one transaction per mutation: each mutation applied or refused
 * alone, at most once, and the feed numbered in commit order without holes.
 */
for (const { kind, skip } of dbVariants) {
  describe(`push groups [${kind}]`, { skip }, () => {
    let hospital: TestHospital;
    let doctor: Workstation;
    let doctor2: Workstation;
    let cardiology: string[];
    let endocrinology: string[];
    before(async () => {
      hospital = await TestHospital.start(kind, { patients: 30 });
      doctor = await hospital.workstation(demo.doctor.account, demo.doctor.password);
      doctor2 = await hospital.workstation(demo.doctor2.account, demo.doctor2.password);
      cardiology = await patients(hospital.db, 'cardiology');
      endocrinology = await patients(hospital.db, 'endocrinology');
    });
    after(() => hospital.stop());

    test('a mixed batch answers each mutation as alone, and feeds exactly the applied ones once', async () => {
      const [patient, otherPatient] = [cardiology[0]!, endocrinology[0]!];
      const earlier = m.addAllergy(patient, 'pushed-before');
      const earlierSeq = seqOf((await hospital.push(doctor, [earlier])).body.results[0]);
      const theirs = m.addAllergy(otherPatient, 'their-own');
      const theirSeq = seqOf((await hospital.push(doctor2, [theirs])).body.results[0]);

      const applied1 = m.addAllergy(patient, 'applied-1');
      const refused = m.addAllergy(otherPatient, 'out-of-scope');
      const tooEarly = m.addDiagnosis(patient, randomUUID());
      // A new allergy, so its handler writes and feeds it before the claim finds the id taken.
      const stolenId: Mutation = { ...m.addAllergy(patient, 'under-a-taken-id'), mutationId: theirs.mutationId };
      const encounter = m.addEncounter(patient);
      const applied2 = m.addAllergy(patient, 'applied-2');
      const batch = [applied1, refused, tooEarly, stolenId, encounter, applied1, earlier, refused, tooEarly, applied2];

      const base = await lastSeq(hospital.db);
      const answer = await hospital.push(doctor, batch);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body.results, [
        { mutationId: applied1.mutationId, status: 'applied', seq: base + 1 },
        { mutationId: refused.mutationId, ...forbidden },
        { mutationId: tooEarly.mutationId, ...encounterMissing },
        { mutationId: theirs.mutationId, ...idTaken },
        // Right after the stolen id's rolled-back feed entry: its counter increment went with it.
        { mutationId: encounter.mutationId, status: 'applied', seq: base + 2 },
        { mutationId: applied1.mutationId, status: 'duplicate', original: { status: 'applied', seq: base + 1 } },
        { mutationId: earlier.mutationId, status: 'duplicate', original: { status: 'applied', seq: earlierSeq } },
        // A final refusal is stored with its id; a retryable one is not, so it is answered afresh.
        { mutationId: refused.mutationId, status: 'duplicate', original: forbidden },
        { mutationId: tooEarly.mutationId, ...encounterMissing },
        { mutationId: applied2.mutationId, status: 'applied', seq: base + 3 },
      ]);

      const feed = await feedOf(hospital.db, batch.map((x) => x.mutationId));
      assert.deepEqual(Object.fromEntries(feed.entries), {
        [earlier.mutationId]: [earlierSeq], // from its own push, before
        [theirs.mutationId]: [theirSeq], // the other device's, before
        [applied1.mutationId]: [base + 1],
        [encounter.mutationId]: [base + 2],
        [applied2.mutationId]: [base + 3],
      });
      assert.equal(await lastSeq(hospital.db), base + 3);
      assert.ok(feed.gapless, 'the feed has no holes');

      const stored = await hospital.db.query<{ id: string; device_id: string }>(`SELECT id, device_id FROM mutations WHERE id = ANY($1::text[])`, [batch.map((x) => x.mutationId)]);
      assert.deepEqual(
        new Map(stored.map((r) => [r.id, r.device_id])),
        new Map([
          [earlier.mutationId, doctor.deviceId], [applied1.mutationId, doctor.deviceId], [refused.mutationId, doctor.deviceId],
          [encounter.mutationId, doctor.deviceId], [applied2.mutationId, doctor.deviceId], [theirs.mutationId, doctor2.deviceId],
        ]),
      );
      const [{ n }] = (await hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM allergies WHERE allergen = 'under-a-taken-id'`)) as [{ n: number }];
      assert.equal(n, 0, 'the mutation under a taken id left nothing behind');

      // And the whole batch again: every stored outcome is answered, nothing is fed twice.
      const again = await hospital.push(doctor, batch);
      assert.deepEqual(again.body.results.map((r) => r.status), ['duplicate', 'duplicate', 'rejected', 'rejected', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'rejected', 'duplicate']);
      assert.equal(await lastSeq(hospital.db), base + 3);
    });

    test('a mutation refused mid-group rolls back only itself', async () => {
      const [patient, untouched] = [cardiology[1]!, cardiology.at(-1)!];
      const hasAccess = async () =>
        (await hospital.db.query(`SELECT 1 FROM patient_access WHERE user_id = $1 AND patient_id = $2`, [doctor.userId, untouched])).length > 0;
      assert.equal(await hasAccess(), false);
      const before = m.addAllergy(patient, 'before-the-refusal');
      // Locks the patient and records the writer's access, then finds no encounter: refused after writing.
      const refused = m.addDiagnosis(untouched, randomUUID());
      const afterwards = m.addAllergy(patient, 'after-the-refusal');

      const base = await lastSeq(hospital.db);
      const answer = await hospital.push(doctor, [before, refused, afterwards]);
      assert.deepEqual(answer.body.results, [
        { mutationId: before.mutationId, status: 'applied', seq: base + 1 },
        { mutationId: refused.mutationId, ...encounterMissing },
        { mutationId: afterwards.mutationId, status: 'applied', seq: base + 2 },
      ]);
      const allergens = await hospital.db.query<{ allergen: string }>(`SELECT allergen FROM allergies WHERE patient_id = $1 AND allergen LIKE '%-the-refusal' ORDER BY allergen`, [patient]);
      assert.deepEqual(allergens.map((r) => r.allergen), ['after-the-refusal', 'before-the-refusal']);
      assert.equal(await hasAccess(), false, 'the refused mutation\'s own write was rolled back');
      assert.ok((await feedOf(hospital.db, [])).gapless);
    });

    test('a batch longer than a group keeps its order and its numbering across groups', async () => {
      const refusedAt = new Set([0, 49, 50, 51, 99, 100, 149]);
      const batch = Array.from({ length: 150 }, (_, i) =>
        refusedAt.has(i) ? m.addAllergy(endocrinology[i % endocrinology.length]!, `long-refused-${i}`) : m.addAllergy(cardiology[i % cardiology.length]!, `long-${i}`));
      const base = await lastSeq(hospital.db);
      const answer = await hospital.push(doctor, batch);
      let applied = 0;
      assert.deepEqual(
        answer.body.results,
        batch.map((x, i) => (refusedAt.has(i) ? { mutationId: x.mutationId, ...forbidden } : { mutationId: x.mutationId, status: 'applied', seq: base + ++applied })),
      );
      const feed = await feedOf(hospital.db, batch.map((x) => x.mutationId));
      assert.equal(feed.entries.size, batch.length - refusedAt.size);
      assert.ok(feed.gapless);
    });
  });
}

describe('push groups under contention [postgres]', { skip: skipPostgres }, () => {
  let hospital: TestHospital;
  before(async () => {
    hospital = await TestHospital.start('postgres', { patients: 30 });
  });
  after(() => hospital.stop());

  test('a group never waits for a lock while holding its own: it commits what it has first', async () => {
    const doctor = await hospital.workstation(demo.doctor.account, demo.doctor.password);
    const [first, held] = await patients(hospital.db, 'cardiology');
    // Another writer holds the second patient and will want the first one next, which the push's
    // group holds once its first mutation ran (the feed counter no longer closes such a cycle: a
    // group takes it only at its end, feed/staged.ts; patient rows and claimed ids still could).
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const isHolding = new Promise<void>((resolve) => (holding = resolve));
    const other = hospital.db.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM patients WHERE id = $1 FOR NO KEY UPDATE`, [held!]);
      holding();
      await released;
      await tx.query(`SELECT 1 FROM patients WHERE id = $1 FOR NO KEY UPDATE`, [first!]);
      return appendChanges(tx, 'patients', [held!, first!], serverMeta);
    });
    await isHolding;

    const push = hospital.push(doctor, [m.addAllergy(first!, 'contended-1'), m.addAllergy(held!, 'contended-2')]);
    const waitingForLock = async () =>
      (await hospital.db.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).length > 0;
    while (!(await waitingForLock())) await new Promise((resolve) => setTimeout(resolve, 5));
    // Had the push's transaction kept the first patient while waiting for the second, this would
    // close a cycle, broken only by the deadlock detector a second later.
    release();
    const otherSeq = await other;
    const answer = await push;
    const [a, b] = answer.body.results.map(seqOf);
    assert.deepEqual(answer.body.results.map((r) => r.status), ['applied', 'applied']);
    assert.ok(a! < otherSeq && otherSeq < b!, `the first allergy committed before the other writer, the second after (${a}, ${otherSeq}, ${b})`);
    assert.ok((await feedOf(hospital.db, [])).gapless);
  });
});

describe('feed numbering of concurrent pushes [postgres]', { skip: skipPostgres }, () => {
  let hospital: TestHospital;
  before(async () => {
    hospital = await TestHospital.start('postgres', { patients: 30 });
  });
  after(() => hospital.stop());

  test('a push started first but committed last neither holds up the other nor is skipped by a pull in between', async () => {
    const doctor = await hospital.workstation(demo.doctor.account, demo.doctor.password);
    const otherStation = await hospital.workstation(demo.doctor.account, demo.doctor.password, 'doctor-second-ws');
    const reader = await hospital.workstation(demo.doctor.account, demo.doctor.password, 'doctor-reader-ws');
    const [firstPatient, secondPatient] = await patients(hospital.db, 'cardiology');
    const startedFirst = m.addAllergy(firstPatient!, 'started-first');
    const startedSecond = m.addAllergy(secondPatient!, 'started-second');
    const allergens = (changes: { table: string; row: unknown }[]) =>
      changes.filter((c) => c.table === 'allergies').map((c) => (c.row as { allergen: string }).allergen).filter((a) => a.startsWith('started-'));
    const lockWaiters = async () =>
      (await hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0]!.n;
    const feed = await hospital.pullAll(reader);

    // An uncommitted claim of the first push's id: its handler runs and feeds its allergy, then
    // its own claim waits on this one, holding its transaction open (mutation.ts, claim).
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const isHolding = new Promise<void>((resolve) => (holding = resolve));
    const rolledBack = new Error('rolled back on purpose');
    const claimHolder = hospital.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO mutations (id, device_id, user_id, kind, client_time, clock_skewed) VALUES ($1, $2, $3, 'allergy.add', $4, false)`,
        [startedFirst.mutationId, doctor.deviceId, doctor.userId, startedFirst.clientTime]);
      holding();
      await released;
      throw rolledBack;
    }).catch((error: unknown) => assert.equal(error, rolledBack));
    await isHolding;
    try {
      const first = hospital.push(doctor, [startedFirst]);
      while ((await lockWaiters()) === 0) await new Promise((resolve) => setTimeout(resolve, 5));

      // The second push runs to its commit while the first is still open.
      let secondDone = false;
      const second = hospital.push(otherStation, [startedSecond]).finally(() => (secondDone = true));
      while (!secondDone) {
        assert.ok((await lockWaiters()) < 2, 'the second push waited for the first one\'s feed lock');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const secondSeq = seqOf((await second).body.results[0]);
      const between = await hospital.pullAll(reader, feed.state);
      assert.deepEqual(allergens(between.changes), ['started-second']);
      assert.equal(between.state.cursor >= secondSeq!, true);

      release();
      const firstSeq = seqOf((await first).body.results[0]);
      assert.ok(firstSeq! > secondSeq!, `committed last, numbered last (${secondSeq}, then ${firstSeq})`);
      // The reader that already moved past the second push's entry still gets the first one's.
      const after = await hospital.pullAll(reader, between.state);
      assert.deepEqual(allergens(after.changes), ['started-first']);
      assert.deepEqual(after.changes.map((c) => c.seq), [firstSeq]);
      assert.ok((await feedOf(hospital.db, [])).gapless);
      const [stored] = await hospital.db.query<{ outcome: unknown }>(`SELECT outcome FROM mutations WHERE id = $1`, [startedFirst.mutationId]);
      assert.deepEqual(stored!.outcome, { status: 'applied', seq: firstSeq }, 'a replay is told the real seq');
    } finally {
      release();
      await claimHolder;
    }
  });
});
