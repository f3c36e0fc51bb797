import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { demo, startClinic } from './testing/clinic';
import { assertExactlyOnce } from './testing/exactlyOnce';
import { clinician } from './testing/mixedWork';

/**
 * PostgreSQL itself killed with SIGKILL while a workstation's push is inside its transaction
 * (issue 8, "Proof"): not a clean stop, a crash, with crash recovery at the next start. The
 * hospital server stays up and answers 503 DATABASE_UNAVAILABLE meanwhile; the workstation keeps
 * its outbox and retries; after the restart every mutation lands exactly once.
 *
 * The cluster is the test's own (scripts/pg-cluster.sh), so killing it disturbs no one else. To be
 * sure the kill lands inside the push's transaction, the test holds the feed counter's row lock
 * (server/feed/append.ts takes it in every writing transaction) and kills the postmaster once the
 * server's push is seen waiting for it in pg_stat_activity.
 */
const pgBin = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const skip = existsSync(join(pgBin, 'pg_ctl')) && existsSync(join(pgBin, 'initdb'))
  ? false
  : `PostgreSQL 15 binaries not found in ${pgBin}: the PostgreSQL-killed test is skipped (apt-get install postgresql-15, or set PG_BIN)`;
const clusterScript = fileURLToPath(new URL('../../../scripts/pg-cluster.sh', import.meta.url));
const run = promisify(execFile);
const cluster = (...args: string[]) => run('bash', [clusterScript, ...args]);

async function ownCluster() {
  const { stdout } = await cluster('start');
  const url = /^DATABASE_URL=(\S+)$/m.exec(stdout)?.[1];
  const dir = /^PG_CLUSTER_DIR=(\S+)$/m.exec(stdout)?.[1];
  if (!url || !dir) throw new Error(`pg-cluster.sh start said: ${stdout}`);
  return { url, dir, port: new URL(url).port };
}

const setup = skip ? null : await (async () => {
  const own = await ownCluster();
  const clinic = await startClinic('postgres', 60, { clusterUrl: own.url });
  after(() => cluster('destroy', own.dir)); // after the clinic's own teardown, registered first
  return { ...own, clinic };
})();

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** kill -9 of the postmaster: no shutdown checkpoint, crash recovery at the next start. */
function killPostgres(dir: string) {
  process.kill(Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]), 'SIGKILL');
}

describe('PostgreSQL killed with SIGKILL in the middle of a push [postgres]', { skip }, () => {
  test('the server answers 503 while it is down; after crash recovery the outbox drains, each mutation once', async (t) => {
    const { clinic, dir, port } = setup!;
    const ws = await clinic.workstation(demo.doctor);
    assert.equal((await ws.core.dispatch('auth:signIn', demo.doctor2, 'c-doctor2')).ok, true);
    await ws.sync();
    const users = [clinician(ws.core, ws.connection, 'cardiology', 'pgkill-a'), clinician(ws.core, 'c-doctor2', 'endocrinology', 'pgkill-b')];
    for (let round = 0; round < 3; round++) for (const user of users) await user.step();
    const sent = new Set(ws.query<{ mutation_id: string }>(`SELECT mutation_id FROM outbox`).map((r) => r.mutation_id));

    /** While the cluster is down the server says why and the workstation keeps everything; then it restarts. */
    async function assertDownThenUp(pending: number) {
      await ws.sync();
      const down = ws.core.sync!.current();
      t.diagnostic(`while PostgreSQL is down: ${down.link} (${down.linkReason})`);
      assert.deepEqual([down.link, down.pending], ['offline', pending]);
      assert.match(down.linkReason ?? '', /DATABASE_UNAVAILABLE/, 'the server answered 503 DATABASE_UNAVAILABLE, not an error of its own');
      // Orphaned backends may hold the shared memory for a moment after the postmaster died.
      for (let attempt = 0; ; attempt++) {
        try {
          await cluster('start', dir, port);
          return;
        } catch (error) {
          if (attempt >= 20) throw error;
          await pause(500);
        }
      }
    }
    /** Syncs until the outbox is empty, as the worker's retries would. */
    async function drain() {
      for (let attempt = 0; ws.core.sync!.current().pending > 0 || ws.core.sync!.current().link !== 'online'; attempt++) {
        assert.ok(attempt < 40, `the workstation never got through: ${JSON.stringify(ws.core.sync!.current())}`);
        await ws.sync();
        if (ws.core.sync!.current().link !== 'online') await pause(250);
      }
    }

    // 1. Killed inside the push's transaction: hold the feed counter, so the push stops there.
    const blocker = new pg.Client({ connectionString: clinic.hospital.testDb.url });
    blocker.on('error', () => {}); // it dies with the cluster
    await blocker.connect();
    await blocker.query(`BEGIN; SELECT last_seq FROM change_counter FOR UPDATE`);
    const round = ws.sync();
    for (let waited = 0; ; waited++) {
      const [waiting] = await clinic.hospital.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (waiting!.n > 0) break;
      assert.ok(waited < 2000, 'the push never reached the feed counter');
      await pause(5);
    }
    killPostgres(dir);
    await round;
    assert.equal(ws.core.sync!.current().link, 'offline');
    await assertDownThenUp(sent.size);
    const [rolledBack] = await clinic.hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mutations WHERE id = ANY($1::text[])`, [[...sent]]);
    assert.equal(rolledBack!.n, 0, 'the push in flight at the crash left nothing behind: recovery rolled its transaction back');
    await drain();

    // 2. Killed after the push committed, its answer lost: the commit survives, the resend is a duplicate.
    for (let round = 0; round < 2; round++) for (const user of users) await user.step();
    const second = ws.query<{ mutation_id: string }>(`SELECT mutation_id FROM outbox`).map((r) => r.mutation_id);
    for (const id of second) sent.add(id);
    const answerHeld = ws.link.holdNextResponse(/^\/sync\/push/);
    const secondRound = ws.sync();
    const held = await answerHeld;
    killPostgres(dir);
    held.drop();
    await secondRound;
    await assertDownThenUp(second.length);
    const [survived] = await clinic.hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mutations WHERE id = ANY($1::text[])`, [second]);
    assert.ok(survived!.n > 0, 'the push committed before the crash survived it');
    const duplicatesBefore = ws.link.faults.pushResults.duplicate ?? 0;
    await drain();
    assert.equal((ws.link.faults.pushResults.duplicate ?? 0) - duplicatesBefore, survived!.n, 'and its resent mutations were answered "duplicate"');

    await ws.sync();
    const userIds = ws.query<{ user_id: string }>(`SELECT DISTINCT user_id FROM patient_scope`).map((r) => r.user_id);
    await assertExactlyOnce(clinic.hospital.db, sent, [{ db: ws.core.db, userIds }]);
    const [gaps] = await clinic.hospital.db.query<{ max: number; n: number }>(`SELECT max(seq)::int AS max, count(*)::int AS n FROM changes`);
    assert.equal(gaps!.max, gaps!.n, 'the feed has no holes');
  });
});
