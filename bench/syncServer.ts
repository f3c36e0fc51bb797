import { AsyncLocalStorage } from 'node:async_hooks';
import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../server/app';
import { testCa } from '../server/signing/ca';
import { openDatabase } from '../server/db/open';
import type { Database, Queryable } from '../server/db/types';
import { generateDemoPatients } from '../shared/demo/generate';
import { seedDemoHospital } from '../server/demo/seed';
import { startProfile } from './profile';

export const fastHash = { N: 1024, r: 8, p: 1, keyLength: 32 };

/** Where the bench's hospital server keeps its data, and how many patients it is seeded with. */
export interface BenchServerConfig {
  url?: string;
  dataDir?: string;
  patients: number;
}

/** SQL sent by the server, per route: statements, and round trips (an exec may carry several). */
export type StatementCounts = Record<string, { statements: number; roundTrips: number }>;

export interface BenchServer {
  url: string;
  /** In the bench's own process, or a child process of its own, as production runs it. */
  process: 'shared' | 'child';
  rawInsertRate(): Promise<number>;
  statements(): Promise<StatementCounts>;
  /** A CPU profile of the server over a phase (CAREDESK_BENCH_PROFILE, profile.ts): start, then stop with its name. */
  profileStart(): Promise<void>;
  profileStop(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The bench's hospital server. In a child process by default, so the workstations and the server
 * each have an event loop (and on a 2-core machine a core) of their own; `CAREDESK_BENCH_SERVER=shared`
 * runs it in the bench's process instead, as earlier figures were measured.
 */
export async function startBenchServer(config: BenchServerConfig): Promise<BenchServer> {
  if (process.env.CAREDESK_BENCH_SERVER === 'shared') return { ...(await startInProcess(config)), process: 'shared' };
  return startChild(config);
}

type Local = Omit<BenchServer, 'process'>;

async function startInProcess(config: BenchServerConfig): Promise<Local> {
  const db = await openDatabase(config.url ? { url: config.url } : { dataDir: config.dataDir! });
  await seedDemoHospital(db, config.patients, { seed: 3, hashParams: fastHash, department: 'cardiology' });
  const counted = countingStatements(db);
  const app = buildServer({ db: counted.db, autoApproveDevices: true, logger: false, hashParams: fastHash, ca: testCa });
  // Every request's SQL is counted under its route (the hook runs the rest of the request inside it).
  app.addHook('onRequest', (request, _reply, done) => counted.route.run(request.routeOptions.url ?? 'unknown', done));
  await app.listen({ port: 0, host: '127.0.0.1' });
  let running: Awaited<ReturnType<typeof startProfile>> | null = null;
  return {
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    rawInsertRate: () => rawInsertRate(db, config.patients),
    statements: () => Promise.resolve(structuredClone(counted.counts)),
    async profileStart() {
      running = await startProfile();
    },
    async profileStop(name) {
      if (!running) throw new Error('no profile running');
      const path = await running.stop(`${name}-server`);
      running = null;
      return path;
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** A database whose every statement is counted under the route of the request that sent it. */
function countingStatements(db: Database): { db: Database; route: AsyncLocalStorage<string>; counts: StatementCounts } {
  const route = new AsyncLocalStorage<string>();
  const counts: StatementCounts = {};
  const count = (sql: string, statements = sql.split(';').filter((part) => part.trim() !== '').length) => {
    const entry = (counts[route.getStore() ?? 'outside a request'] ??= { statements: 0, roundTrips: 0 });
    entry.statements += statements;
    entry.roundTrips += 1;
  };
  const over = (q: Queryable): Queryable => ({
    query: (sql, params) => {
      count(sql, 1);
      return q.query(sql, params);
    },
    exec: (sql) => {
      count(sql);
      return q.exec(sql);
    },
  });
  return {
    route,
    counts,
    db: {
      kind: db.kind,
      ...over(db),
      transaction: (fn) => {
        count('BEGIN');
        return db.transaction((tx) => fn(over(tx))).finally(() => count('COMMIT'));
      },
      close: () => db.close(),
    },
  };
}

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

// The child's side: a request per message, answered with the same id.
type Request = { id: number; ask: 'rawInsertRate' | 'statements' | 'profileStart' | 'close' } | { id: number; ask: 'profileStop'; name: string };
type Answer = { id: number; value?: unknown; error?: string } | { ready: string } | { failed: string };

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

const thisFile = fileURLToPath(import.meta.url);

async function startChild(config: BenchServerConfig): Promise<BenchServer> {
  const child = fork(thisFile, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, CAREDESK_BENCH_SERVER_CHILD: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let exited = false;
  const url = await new Promise<string>((resolve, reject) => {
    child.on('message', (message: Answer) => {
      if ('ready' in message) return resolve(message.ready);
      if ('failed' in message) return reject(new Error(`the bench server did not start: ${message.failed}`));
      const caller = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.error !== undefined) caller?.reject(new Error(message.error));
      else caller?.resolve(message.value);
    });
    child.once('exit', (code) => {
      exited = true;
      const error = new Error(`the bench server exited (${code})`);
      reject(error);
      for (const caller of waiting.values()) caller.reject(error);
    });
  });
  let nextId = 0;
  const ask = <T>(what: DistributiveOmit<Request, 'id'>) =>
    new Promise<T>((resolve, reject) => {
      if (exited) return reject(new Error('the bench server has exited'));
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, ...what } satisfies Request);
    });
  return {
    url,
    process: 'child',
    rawInsertRate: () => ask<number>({ ask: 'rawInsertRate' }),
    statements: () => ask<StatementCounts>({ ask: 'statements' }),
    profileStart: () => ask<void>({ ask: 'profileStart' }),
    profileStop: (name) => ask<string>({ ask: 'profileStop', name }),
    async close() {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      await ask({ ask: 'close' }).catch(() => undefined);
      await gone;
    },
  };
}

async function serveAsChild(config: BenchServerConfig): Promise<void> {
  const send = (answer: Answer) => process.send!(answer);
  let server: Local;
  try {
    server = await startInProcess(config);
  } catch (error) {
    send({ failed: error instanceof Error ? error.stack ?? error.message : String(error) });
    process.exit(1);
  }
  process.on('message', (message: Request) => {
    const run = async (): Promise<unknown> => {
      switch (message.ask) {
        case 'rawInsertRate': return server.rawInsertRate();
        case 'statements': return server.statements();
        case 'profileStart': return server.profileStart();
        case 'profileStop': return server.profileStop(message.name);
        case 'close': return server.close();
      }
    };
    run().then(
      (value) => {
        send({ id: message.id, value });
        if (message.ask === 'close') process.disconnect();
      },
      (error: unknown) => send({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  // The bench went away without closing: do not outlive it.
  process.on('disconnect', () => process.exit(0));
  send({ ready: server.url });
}

const childConfig = process.env.CAREDESK_BENCH_SERVER_CHILD;
if (childConfig && process.send && process.argv[1] === thisFile) await serveAsChild(JSON.parse(childConfig) as BenchServerConfig);
