import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../electron/core/core';
import { buildServer } from '../server/app';
import { testCa } from '../server/signing/ca';
import { openDatabase } from '../server/db/open';
import type { Database } from '../server/db/types';
import { generateDemoPatients } from '../shared/demo/generate';
import { seedDemoHospital } from '../server/demo/seed';
import { demoUsers } from '../shared/demo/users';
import { clinician } from '../electron/core/sync/testing/mixedWork';
import { report, type BenchSize } from './report';

const fastHash = { N: 1024, r: 8, p: 1, keyLength: 32 };

/**
 * Sync between a hospital server and fresh workstations over loopback HTTP: the first full
 * download, catching up after an outage, and pushing work done offline. The server's database is
 * PostgreSQL when CAREDESK_BENCH_DATABASE_URL is set, else the embedded PGlite.
 */
export async function syncBench(size: BenchSize): Promise<void> {
  const patients = size === 'full' ? 10_000 : 200;
  const changes = size === 'full' ? 1_000 : 50;
  const scratch = mkdtempSync(join(tmpdir(), 'caredesk-bench-sync-'));
  const url = process.env.CAREDESK_BENCH_DATABASE_URL;
  const db = await openDatabase(url ? { url } : { dataDir: join(scratch, 'server') });
  const app = buildServer({ db, autoApproveDevices: true, logger: false, hashParams: fastHash, ca: testCa });
  const stations: Core[] = [];
  try {
    await seedDemoHospital(db, patients, { seed: 3, hashParams: fastHash, department: 'cardiology' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const serverUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const doctor = demoUsers.find((u) => u.account === 'doctor')!;
    const station = async () => {
      const core = createCore({
        dataDir: mkdtempSync(join(scratch, 'ws-')),
        key: randomBytes(32),
        log: () => {},
        // The bench writes by password: a site allowing password-only signing (issue 9, FacePolicy).
        facePolicy: { passwordOnlySigning: true },
        sync: { serverUrl, background: false },
      });
      stations.push(core);
      await signIn(core);
      return core;
    };
    const signIn = async (core: Core) => {
      const signedIn = await core.dispatch('auth:signIn', { account: doctor.account, password: doctor.password }, 'bench');
      if (!signedIn.ok) throw new Error(signedIn.error.message);
    };
    report('sync.database', url ? 1 : 0, url ? 'postgres' : 'pglite');

    // The physician's whole scope, into an empty workstation.
    const a = await station();
    let t = performance.now();
    await a.sync!.syncNow();
    const initialSeconds = (performance.now() - t) / 1000;
    const received = rowCount(a);
    const rawPerSecond = await rawInsertRate(db, patients);
    report('sync.initial_patients', countOf(a, 'patients'), 'patients');
    report('sync.initial_records', received, 'records');
    report('sync.initial_s', initialSeconds, 's', 30);
    report('sync.initial_records_per_s', received / initialSeconds, 'records/s');
    report('sync.raw_insert_records_per_s', rawPerSecond, 'records/s');
    // The first download should cost no more than twice what inserting its rows would.
    report('sync.initial_to_raw_ratio', received / initialSeconds / rawPerSecond, 'x', 0.5);

    // Another workstation works while this one is offline; then this one catches up.
    const b = await station();
    await b.sync!.syncNow();
    const ids = patientIds(b, changes);
    for (const [i, patientId] of ids.entries()) {
      await b.dispatch('allergies:add', { patientId, allergen: `bench-catchup-${i}`, reaction: '皮疹' }, 'bench');
    }
    // Rounds until its outbox is empty, as the worker retries: on a loaded machine a batch can
    // outlast the client's timeout and is sent again (answered from the stored outcomes).
    for (let round = 0; b.sync!.current().pending > 0 && round < 10; round++) await b.sync!.syncNow();
    if (b.sync!.current().pending !== 0) throw new Error(`the other workstation did not deliver its changes: ${JSON.stringify(b.sync!.current())}`);
    t = performance.now();
    await a.sync!.syncNow();
    const caughtUp = a.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM allergies WHERE allergen LIKE 'bench-catchup-%'`).get()!.n;
    if (caughtUp !== ids.length) throw new Error(`caught up ${caughtUp} of ${ids.length} changes`);
    report('sync.catchup_changes', ids.length, 'changes');
    report('sync.catchup_s', (performance.now() - t) / 1000, 's', 3);

    // Work done offline on four workstations of one physician, pushed by all four at once: the
    // mixed kinds that are unsafe to replay (phone edits, allergy adds, removals and reinstatements,
    // prescriptions signed and voided), each station on patients of its own. The figure covers the
    // whole round (push, audit upload, pulling the others' changes), as a workstation lives it.
    const writers = [a, b, ...(await Promise.all([station(), station()]))];
    await Promise.all(writers.slice(2).map((core) => core.sync!.syncNow()));
    const steps = size === 'full' ? 40 : 2;
    // Signing asks for a verification within the last 5 minutes (sessionService.ts): on a loaded
    // machine the first download alone can take longer, so each physician signs in again here.
    for (const core of writers) await signIn(core);
    for (const [w, core] of writers.entries()) {
      const work = clinician(core, 'bench', 'cardiology', `bench-${w}`, w * steps * 4);
      for (let i = 0; i < steps; i++) await work.step();
    }
    const queued = writers.reduce((sum, core) => sum + core.sync!.current().pending, 0);
    // Rounds until every outbox is empty, as the worker retries: on PGlite, which serialises the
    // four pushes, a push can outlast the client's timeout and be sent again (answered from the
    // stored outcomes, server/sync/push.ts).
    const pending = () => writers.reduce((sum, core) => sum + core.sync!.current().pending, 0);
    t = performance.now();
    let rounds = 0;
    for (; pending() > 0 && rounds < 10; rounds++) await Promise.all(writers.map((core) => core.sync!.syncNow()));
    const pushSeconds = (performance.now() - t) / 1000;
    if (pending() !== 0) throw new Error(`push left ${pending()} mutations behind after ${rounds} rounds`);
    report('sync.push_rounds', rounds, 'rounds');
    report('sync.push_mutations', queued, 'mutations');
    report('sync.push_workstations', writers.length, 'workstations');
    report('sync.push_per_s', queued / pushSeconds, 'mutations/s', 1000);
    report('sync.push_to_raw_ratio', queued / pushSeconds / rawPerSecond, 'x');
  } finally {
    for (const core of stations) await core.close();
    await app.close();
    await db.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

const countOf = (core: Core, table: string) => core.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()!.n;
const rowCount = (core: Core) =>
  ['patients', 'encounters', 'diagnoses', 'allergies', 'prescriptions', 'labs', 'users'].reduce((sum, table) => sum + countOf(core, table), 0);
const patientIds = (core: Core, n: number) =>
  core.db.prepare<[number], { id: string }>('SELECT id FROM patients ORDER BY id LIMIT ?').all(n).map((r) => r.id);

/**
 * The floor under any sync: the same kind of rows inserted straight into the server's database,
 * 500 to a statement, into scratch tables shaped like the real ones.
 */
async function rawInsertRate(db: Database, patients: number): Promise<number> {
  await db.exec(`CREATE TEMP TABLE IF NOT EXISTS raw_labs (LIKE labs); CREATE TEMP TABLE IF NOT EXISTS raw_patients (LIKE patients INCLUDING DEFAULTS)`);
  const rows = [...generateDemoPatients(patients, { seed: 99 })].flatMap((p) => p.labs.map((l) => [l.id, l.patient_id, l.taken_on, l.test, l.value, l.unit, l.flag] as const));
  const started = performance.now();
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const values = chunk.map((_, j) => `(${Array.from({ length: 7 }, (_, k) => `$${j * 7 + k + 1}`).join(', ')})`);
    await db.transaction((tx) => tx.query(`INSERT INTO raw_labs (id, patient_id, taken_on, test, value, unit, flag) VALUES ${values.join(', ')}`, chunk.flat()));
  }
  return rows.length / ((performance.now() - started) / 1000);
}
