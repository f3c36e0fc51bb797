import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Mutation, PushResponse } from '../../shared/sync/wire';
import { spawnServer, type ServerProcess } from '../test-support/child';
import { demo, m, signedHeaders, TestHospital, type Workstation } from '../test-support/hospital';

/**
 * The database restarted under load (issue 3, "Faults"): workstations push continuously while the
 * PostgreSQL cluster restarts (`pg_ctl stop -m fast`, then start: every connection is cut, open
 * transactions roll back, a COMMIT in flight may or may not have landed). The server process must
 * stay up, answer 503 DATABASE_UNAVAILABLE meanwhile, and reconnect by itself; the clients resend
 * the same batches; in the end every mutation is applied once and the feed has no holes.
 *
 * The cluster is the test's own (scripts/pg-cluster.sh), so restarting it disturbs no one else.
 */
const pgBin = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const skip = existsSync(join(pgBin, 'pg_ctl')) && existsSync(join(pgBin, 'initdb'))
  ? false
  : `PostgreSQL 15 binaries not found in ${pgBin}: database-restart test skipped (apt-get install postgresql-15, or set PG_BIN)`;
const clusterScript = fileURLToPath(new URL('../../scripts/pg-cluster.sh', import.meta.url));
const run = promisify(execFile);
const cluster = (...args: string[]) => run('bash', [clusterScript, ...args]);

describe('database restarted under load [postgres]', { skip }, () => {
  let dir: string;
  let port: string;
  let hospital: TestHospital;
  let server: ServerProcess;
  let serverLog = '';

  before(async () => {
    const { stdout } = await cluster('start');
    const url = /^DATABASE_URL=(\S+)$/m.exec(stdout)?.[1];
    dir = /^PG_CLUSTER_DIR=(\S+)$/m.exec(stdout)?.[1] ?? '';
    if (!url || !dir) throw new Error(`pg-cluster.sh start said: ${stdout}`);
    port = new URL(url).port;
    hospital = await TestHospital.start('postgres', { patients: 30, clusterUrl: url });
    server = await spawnServer(['--database-url', hospital.testDb.url!]);
    server.child.stderr?.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
  });
  after(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    await hospital?.stop();
    if (dir) await cluster('destroy', dir);
  });

  test('pushes during a restart fail with 503, are resent, and land exactly once', async (t) => {
    const patients = (await hospital.db.query<{ id: string }>(`SELECT id FROM patients WHERE department = 'cardiology' ORDER BY id`)).map((r) => r.id);
    const writers: Workstation[] = [];
    for (let i = 0; i < 4; i++) writers.push(await hospital.workstation(demo.doctor.account, demo.doctor.password, `restart-writer-${i}`));

    const seen = { ok: 0, unavailable: 0, connectionLost: 0, other: [] as string[] };
    let restarted = false;
    const sent: Mutation[] = [];

    /** Sends one batch until the server answers it, as the sync worker does (ids make resending safe). */
    async function pushUntilAnswered(ws: Workstation, batch: Mutation[]): Promise<PushResponse> {
      let last = '';
      for (let attempt = 0; attempt < 400; attempt++) {
        try {
          const sent = JSON.stringify({ deviceId: ws.deviceId, batch });
          const response = await fetch(`${server.baseUrl}/sync/push`, {
            method: 'POST',
            headers: signedHeaders(ws, 'POST', '/sync/push', sent),
            body: sent,
            signal: AbortSignal.timeout(15_000),
          });
          const body = (await response.json()) as PushResponse & { error?: { code: string } };
          if (response.status === 200) {
            seen.ok++;
            return body;
          }
          last = `${response.status} ${JSON.stringify(body)}`;
          if (response.status === 503 && body.error?.code === 'DATABASE_UNAVAILABLE') seen.unavailable++;
          else seen.other.push(`${response.status} ${body.error?.code ?? ''}`);
        } catch (error) {
          seen.connectionLost++;
          last = error instanceof Error ? `${error.message} ${String(error.cause)}` : String(error);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`the server never answered the batch: ${JSON.stringify(seen)} ${last}\n${serverLog}`);
    }

    const pushers = writers.map(async (ws, w) => {
      for (let round = 0, afterRestart = 0; round < 300 && afterRestart < 4; round++) {
        const batch = Array.from({ length: 8 }, (_, k) => m.addAllergy(patients[(w * 11 + round * 8 + k) % patients.length]!, `restart-${w}-${round}-${k}`));
        sent.push(...batch);
        const answer = await pushUntilAnswered(ws, batch);
        for (const result of answer.results) {
          const outcome = result.status === 'duplicate' ? result.original : result;
          assert.equal(outcome.status, 'applied', JSON.stringify(result));
        }
        if (restarted) afterRestart++;
      }
    });

    const restarter = (async () => {
      // Restart once the load is under way, with the outage long enough for many pushes to hit it.
      while (seen.ok < 8) await new Promise((resolve) => setTimeout(resolve, 20));
      await cluster('stop', dir);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await cluster('start', dir, port);
      restarted = true;
    })();
    await Promise.all([...pushers, restarter]);

    t.diagnostic(`answers: ${JSON.stringify(seen)}; mutations sent: ${sent.length}`);
    assert.deepEqual(seen.other, [], 'no answer other than 200 or 503 DATABASE_UNAVAILABLE');
    assert.ok(seen.unavailable + seen.connectionLost > 0, `the outage was felt (${JSON.stringify(seen)})`);
    assert.ok(seen.unavailable > 0, 'the server said why while the database was down');
    assert.equal(server.child.exitCode, null, `the server process survived:\n${serverLog}`);
    const health = await fetch(`${server.baseUrl}/health`);
    assert.equal(health.status, 200, 'and its pool reconnected');

    const deviceIds = writers.map((w) => w.deviceId);
    const [rows] = await hospital.db.query<{ allergies: number; distinct_allergens: number; mutations: number; feed: number; distinct_feed: number }>(
      `SELECT (SELECT count(*)::int FROM allergies WHERE allergen LIKE 'restart-%') AS allergies,
              (SELECT count(DISTINCT allergen)::int FROM allergies WHERE allergen LIKE 'restart-%') AS distinct_allergens,
              (SELECT count(*)::int FROM mutations WHERE device_id = ANY($1::text[])) AS mutations,
              (SELECT count(*)::int FROM changes c JOIN mutations mu ON mu.id = c.mutation_id WHERE mu.device_id = ANY($1::text[])) AS feed,
              (SELECT count(DISTINCT c.mutation_id)::int FROM changes c JOIN mutations mu ON mu.id = c.mutation_id WHERE mu.device_id = ANY($1::text[])) AS distinct_feed`,
      [deviceIds],
    );
    const n = sent.length;
    assert.deepEqual(rows, { allergies: n, distinct_allergens: n, mutations: n, feed: n, distinct_feed: n }, 'each mutation once, nothing lost');
    const [gaps] = await hospital.db.query<{ max: number; n: number }>(`SELECT max(seq)::int AS max, count(*)::int AS n FROM changes`);
    assert.equal(gaps!.max, gaps!.n, 'the feed has no holes');
  });
});
