import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { postgresUrl } from '../../../server/test-support/databases';
import { demo, startClinic, type TestWorkstation } from './testing/clinic';
import { assertExactlyOnce } from './testing/exactlyOnce';
import { faultDice } from './testing/faultSeed';
import { clinician, type Clinician } from './testing/mixedWork';

/**
 * Exactly once through the real workstation sync engine (issue 8, "Proof"): two physicians on one
 * shared workstation interleave phone edits, allergy adds and removals, prescriptions signed and
 * voided, while the link cuts requests and responses part-way through their bodies, or sends a
 * push twice at once. On PostgreSQL as well as PGlite: PGlite serialises everything, so only
 * PostgreSQL runs a resend while its original is still in flight.
 */
const clinics = [
  { kind: 'pglite', clinic: await startClinic('pglite', 60) },
  ...(postgresUrl ? [{ kind: 'postgres', clinic: await startClinic('postgres', 60) }] : []),
] as const;

const push = /^\/sync\/push/;

/** One workstation, doctor (cardiology) on its first connection and doctor2 (endocrinology) on another. */
async function sharedStation(clinic: Awaited<ReturnType<typeof startClinic>>) {
  const ws = await clinic.workstation(demo.doctor);
  const second = `${ws.connection}-doctor2`;
  const signedIn = await ws.core.dispatch('auth:signIn', demo.doctor2, second);
  assert.equal(signedIn.ok, true);
  await ws.sync();
  const users: Clinician[] = [clinician(ws.core, ws.connection, 'cardiology', 'a'), clinician(ws.core, second, 'endocrinology', 'b')];
  const sent = new Set<string>();
  /** One round of both users' work, in an order that alternates, queued ids remembered. */
  async function work(round: number) {
    for (const user of round % 2 === 0 ? users : [...users].reverse()) await user.step();
    for (const { mutation_id } of ws.query<{ mutation_id: string }>(`SELECT mutation_id FROM outbox`)) sent.add(mutation_id);
  }
  return { ws, sent, work };
}

async function drain(ws: TestWorkstation) {
  ws.link.clearPlans();
  await ws.sync();
  await ws.sync(); // the second round pulls what the first one's pushes put in the feed after its pull
  assert.equal(ws.core.sync!.current().link, 'online');
}

/** What the users did last stands: every allergy the workload removed by mistake is reinstated. */
async function assertLastActionsStand(clinic: Awaited<ReturnType<typeof startClinic>>) {
  const removed = await clinic.hospital.db.query(`SELECT id FROM allergies WHERE allergen LIKE 'fault-%' AND status <> 'active'`);
  assert.deepEqual(removed, [], 'no replayed removal undid a reinstatement');
}

const usersOf = (ws: TestWorkstation) => ws.query<{ user_id: string }>(`SELECT DISTINCT user_id FROM patient_scope`).map((r) => r.user_id);

for (const { kind, clinic } of clinics) {
  describe(`exactly once under faults [${kind}]`, () => {
    test('requests and responses cut at random body offsets: every mutation once on the server and in each cache', async (t) => {
      const dice = faultDice();
      t.diagnostic(`fault seed ${dice.seed} (CAREDESK_FAULT_SEED=${dice.seed} replays it)`);
      const { ws, sent, work } = await sharedStation(clinic);
      for (let round = 0; round < 12; round++) {
        await work(round);
        // Either user's push, cut where the dice say; a pull's answer now and then as well.
        ws.link.cutNext(round % 2 === 0 ? 'response' : 'request', { path: push, skip: dice.below(2), at: (n) => dice.below(n) });
        if (round % 3 === 0) ws.link.cutNext('response', { path: /^\/sync\/pull/, at: (n) => dice.below(n) });
        await ws.sync();
      }
      await drain(ws);

      const { faults } = ws.link;
      t.diagnostic(`faults: ${JSON.stringify(faults)}`);
      assert.ok(faults.midBody.request > 0, 'a request was cut inside its body (the server never had all of it)');
      assert.ok(faults.midBody.response > 0, 'a response was cut inside its body (the server committed, the answer was lost)');
      assert.ok((faults.pushResults.duplicate ?? 0) > 0, 'a lost answer was asked again and answered "duplicate"');
      await assertExactlyOnce(clinic.hospital.db, sent, [{ db: ws.core.db, userIds: usersOf(ws) }]);
      await assertLastActionsStand(clinic);
    });

    test('a push sent twice at once (a resend racing its original) is applied once', async (t) => {
      const { ws, sent, work } = await sharedStation(clinic);
      for (let round = 0; round < 6; round++) {
        await work(round);
        ws.link.raceNextRequest(push);
        await ws.sync(); // the push is withheld and its connection drops: the client sends it again
        await ws.sync();
      }
      await drain(ws);

      const { faults } = ws.link;
      t.diagnostic(`faults: ${JSON.stringify(faults)}`);
      assert.ok(faults.raced >= 6, 'the copies reached the server and were answered');
      // In each raced pair one copy applies each mutation and the other finds its id taken (a copy
      // that lost a lock wait and was told to retry is resent later, and answered "duplicate" then).
      assert.ok((faults.pushResults.duplicate ?? 0) >= faults.raced, `each raced push was answered "duplicate" for its mutations (${JSON.stringify(faults.pushResults)})`);
      await assertExactlyOnce(clinic.hospital.db, sent, [{ db: ws.core.db, userIds: usersOf(ws) }]);
      await assertLastActionsStand(clinic);
    });
  });
}
