import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../electron/core/core';
import { demoUsers } from '../shared/demo/users';
import { clinician } from '../electron/core/sync/testing/mixedWork';
import { report, type BenchSize } from './report';
import { startBenchServer, type BenchServer, type StatementCounts } from './syncServer';
import { profileDir, startProfile } from './profile';

/**
 * Sync between a hospital server and fresh workstations over loopback HTTP: the first full
 * download, catching up after an outage, and pushing work done offline. The server's database is
 * PostgreSQL when CAREDESK_BENCH_DATABASE_URL is set, else the embedded PGlite. The server runs in
 * a process of its own (syncServer.ts; CAREDESK_BENCH_SERVER=shared puts it in this one).
 */
export async function syncBench(size: BenchSize): Promise<void> {
  const patients = size === 'full' ? 10_000 : 200;
  const changes = size === 'full' ? 1_000 : 50;
  const scratch = mkdtempSync(join(tmpdir(), 'caredesk-bench-sync-'));
  const url = process.env.CAREDESK_BENCH_DATABASE_URL;
  const stations: Core[] = [];
  let server: BenchServer | null = null;
  try {
    server = await startBenchServer({ patients, ...(url ? { url } : { dataDir: join(scratch, 'server') }) });
    const serverUrl = server.url;
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
    report('sync.server_process', server.process === 'child' ? 1 : 0, server.process);
    const profiled = profiling(server);

    // The physician's whole scope, into an empty workstation.
    const a = await station();
    let stopProfile = await profiled('initial');
    let t = performance.now();
    await a.sync!.syncNow();
    const initialSeconds = (performance.now() - t) / 1000;
    await stopProfile();
    const received = rowCount(a);
    const rawPerSecond = await server.rawInsertRate();
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
    // Rounds until every change is in, as the worker retries a round that lost its link (a pull
    // that outlasted the client's timeout on a loaded machine): the time covers them all, and a
    // change still missing after them is a real failure.
    const caughtUp = () => a.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM allergies WHERE allergen LIKE 'bench-catchup-%'`).get()!.n;
    t = performance.now();
    let catchupRounds = 0;
    for (; caughtUp() < ids.length && catchupRounds < 5; catchupRounds++) {
      await a.sync!.syncNow();
      const status = a.sync!.current();
      if (status.link !== 'online') process.stderr.write(`sync bench: a catch-up round went ${status.link} (${status.linkReason ?? 'no reason'}); retrying\n`);
    }
    const catchupSeconds = (performance.now() - t) / 1000;
    if (caughtUp() !== ids.length) throw new Error(`caught up ${caughtUp()} of ${ids.length} changes in ${catchupRounds} rounds: ${JSON.stringify(a.sync!.current())}`);
    report('sync.catchup_changes', ids.length, 'changes');
    report('sync.catchup_rounds', catchupRounds, 'rounds');
    report('sync.catchup_s', catchupSeconds, 's', 3);

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
    const before = await server.statements();
    stopProfile = await profiled('push');
    t = performance.now();
    let rounds = 0;
    for (; pending() > 0 && rounds < 10; rounds++) await Promise.all(writers.map((core) => core.sync!.syncNow()));
    const pushSeconds = (performance.now() - t) / 1000;
    await stopProfile();
    if (pending() !== 0) throw new Error(`push left ${pending()} mutations behind after ${rounds} rounds`);
    report('sync.push_rounds', rounds, 'rounds');
    report('sync.push_mutations', queued, 'mutations');
    report('sync.push_workstations', writers.length, 'workstations');
    report('sync.push_per_s', queued / pushSeconds, 'mutations/s', 1000);
    report('sync.push_to_raw_ratio', queued / pushSeconds / rawPerSecond, 'x');
    // What the server sent its database for the pushes alone (resent batches included), per mutation.
    const push = pushRoute(await server.statements(), before);
    report('sync.push_statements_per_mutation', push.statements / queued, 'statements');
    report('sync.push_round_trips_per_mutation', push.roundTrips / queued, 'round trips');
  } finally {
    for (const core of stations) await core.close();
    await server?.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * With CAREDESK_BENCH_PROFILE=DIR, a phase's CPU profiles of the bench (the workstations) and of
 * the server are written to DIR (bench/profile.ts); without it, nothing is profiled.
 */
function profiling(server: BenchServer): (phase: string) => Promise<() => Promise<void>> {
  return async (phase) => {
    if (!profileDir()) return async () => {};
    const [local] = await Promise.all([startProfile(), server.profileStart()]);
    return async () => {
      const paths = await Promise.all([local.stop(`${phase}-workstations`), server.profileStop(phase)]);
      process.stderr.write(`sync bench: ${phase} profiles in ${paths.join(', ')}\n`);
    };
  };
}

function pushRoute(after: StatementCounts, before: StatementCounts): { statements: number; roundTrips: number } {
  const route = '/sync/push';
  return {
    statements: (after[route]?.statements ?? 0) - (before[route]?.statements ?? 0),
    roundTrips: (after[route]?.roundTrips ?? 0) - (before[route]?.roundTrips ?? 0),
  };
}

const countOf = (core: Core, table: string) => core.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()!.n;
const rowCount = (core: Core) =>
  ['patients', 'encounters', 'diagnoses', 'allergies', 'prescriptions', 'labs', 'users'].reduce((sum, table) => sum + countOf(core, table), 0);
const patientIds = (core: Core, n: number) =>
  core.db.prepare<[number], { id: string }>('SELECT id FROM patients ORDER BY id LIMIT ?').all(n).map((r) => r.id);
