import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../electron/core/core';
import { startCoreWorker } from '../electron/core/coreClient';
import { readOnly } from '../electron/core/store/database';
import { patientsTable } from '../electron/core/store/patients';
import { seedLocalStore } from '../electron/core/store/seed';
import { demoUsers } from '../shared/demo/users';
import { percentile, report, type BenchSize } from './report';

/**
 * Patient search over the seeded hospital: latency through the service layer (worker message,
 * validation, session check, query, response validation) beside the query module called directly.
 */
export async function searchBench(size: BenchSize): Promise<void> {
  const patients = size === 'full' ? 100_000 : 2_000;
  const rounds = size === 'full' ? 2_000 : 200;
  const warmup = 100; // JIT and page cache, for both sides alike
  const dataDir = mkdtempSync(join(tmpdir(), 'caredesk-bench-search-'));
  const key = randomBytes(32);
  try {
    const seeding = createCore({ dataDir, key, log: () => {} });
    const started = performance.now();
    await seedLocalStore(seeding.db, patients);
    const seedSeconds = (performance.now() - started) / 1000;
    report('seed.seconds', seedSeconds, 's', size === 'full' ? 60 : undefined);
    report('seed.patients_per_s', patients / seedSeconds, 'patients/s');

    const queries = searchMix(seeding.db);
    // The query module itself, in-process: the same prepared statements the service calls.
    const raw = patientsTable(readOnly(seeding.db));
    time(warmup, (i) => raw.search(queries[i % queries.length]!, 50));
    const rawSamples = time(rounds, (i) => raw.search(queries[i % queries.length]!, 50));
    await seeding.close();

    const core = await startCoreWorker({ dataDir, key });
    const doctor = demoUsers.find((u) => u.account === 'doctor')!;
    await core.dispatch('auth:signIn', { account: doctor.account, password: doctor.password }, 'bench');
    const serviceSamples: number[] = [];
    for (let i = -warmup; i < rounds; i++) {
      const t = performance.now();
      const result = await core.dispatch('patients:search', { query: queries[Math.abs(i) % queries.length], limit: 50 }, 'bench');
      if (i >= 0) serviceSamples.push(performance.now() - t);
      if (!result.ok) throw new Error(`search failed: ${result.error.message}`);
    }
    await core.close();

    const p95 = percentile(serviceSamples, 95);
    const rawP95 = percentile(rawSamples, 95);
    report('search.patients', patients, 'patients');
    report('search.p50_ms', percentile(serviceSamples, 50), 'ms');
    report('search.p95_ms', p95, 'ms', 20);
    report('search.raw_p50_ms', percentile(rawSamples, 50), 'ms');
    report('search.raw_p95_ms', rawP95, 'ms');
    report('search.overhead_p95_ms', p95 - rawP95, 'ms', 2);
    report('search.service_to_raw_p95_ratio', p95 / rawP95, 'x');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** What people type: initials, spelled pinyin, Chinese names, phone prefixes, the empty list. */
function searchMix(db: ReturnType<typeof createCore>['db']): string[] {
  const sample = db
    .prepare<[], { name: string; name_initials: string; name_pinyin_compact: string; phone: string }>(
      'SELECT name, name_initials, name_pinyin_compact, phone FROM patients ORDER BY random() LIMIT 100',
    )
    .all();
  return sample.flatMap((p) => [p.name_initials, p.name_initials.slice(0, 1), p.name_pinyin_compact.slice(0, 5), p.name, p.name.slice(0, 1), p.phone.slice(0, 4), '']);
}

function time(rounds: number, run: (i: number) => unknown): number[] {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    run(i);
    samples.push(performance.now() - t);
  }
  return samples;
}
