import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../electron/core/core';
import { startCoreWorker } from '../electron/core/coreClient';
import { seedLocalStore } from '../electron/core/store/seed';
import { longHistoryEncounters } from '../shared/demo/generate';
import { demoUsers } from '../shared/demo/users';
import { PatientSummary } from '../shared/domain/patient';
import { emrChannels } from '../shared/ipc/emrChannels';
import { percentile, report, type BenchSize } from './report';

/**
 * The chart (issue 11), through the service layer (worker message, validation, session check,
 * queries, response validation): opening the chart of the demo patient with 200 encounters (its
 * summary and its signed records, which the timeline shows under their visits, asked together as
 * the renderer asks them), paging its timeline, and patient search with the chart's new keys (record number, the phone's last
 * four digits, the masked ID number) over the whole cache, with recently opened patients put first.
 */
export async function chartBench(size: BenchSize): Promise<void> {
  const patients = size === 'full' ? 100_000 : 2_000;
  const rounds = size === 'full' ? 1_000 : 100;
  const warmup = 50;
  const dataDir = mkdtempSync(join(tmpdir(), 'caredesk-bench-chart-'));
  const key = randomBytes(32);
  try {
    const seeding = createCore({ dataDir, key, log: () => {} });
    await seedLocalStore(seeding.db, patients);
    const long = seeding.db
      .prepare<[], { id: string; n: number }>(`SELECT patient_id AS id, count(*) AS n FROM encounters GROUP BY patient_id ORDER BY n DESC LIMIT 1`)
      .get()!;
    if (long.n !== longHistoryEncounters) throw new Error(`expected a patient with ${longHistoryEncounters} encounters, found ${long.n}`);
    const queries = searchMix(seeding.db);
    const recent = seeding.db.prepare<[], { id: string }>(`SELECT id FROM patients ORDER BY random() LIMIT 30`).all();
    await seeding.close();

    const core = await startCoreWorker({ dataDir, key });
    const doctor = demoUsers.find((u) => u.account === 'doctor')!;
    await core.dispatch('auth:signIn', { account: doctor.account, password: doctor.password }, 'bench');
    // A clinic session's worth of recently opened charts, so search puts them first as it would.
    for (const { id } of recent) await core.dispatch('patients:summary', { patientId: id }, 'bench');

    const measure = async (run: (i: number) => Promise<{ ok: boolean } | Array<{ ok: boolean }>>) => {
      const samples: number[] = [];
      for (let i = -warmup; i < rounds; i++) {
        const t = performance.now();
        const results = [await run(Math.abs(i))].flat();
        if (i >= 0) samples.push(performance.now() - t);
        const failed = results.find((r) => !r.ok);
        if (failed) throw new Error(`chart bench call failed: ${JSON.stringify(failed)}`);
      }
      return samples;
    };
    const open = await measure(() =>
      Promise.all([core.dispatch('patients:summary', { patientId: long.id }, 'bench'), core.dispatch('emr:records', { patientId: long.id }, 'bench')]),
    );
    const records = await measure(() => core.dispatch('emr:records', { patientId: long.id }, 'bench'));
    const listed = await core.dispatch('emr:records', { patientId: long.id }, 'bench');
    const recordCount = listed.ok ? emrChannels['emr:records'].response.parse(listed.value).records.length : 0;
    const first = await core.dispatch('patients:summary', { patientId: long.id }, 'bench');
    const after = first.ok ? PatientSummary.parse(first.value).encountersNext : null;
    if (!after) throw new Error('the long history opened without a next page');
    const page = await measure(() => core.dispatch('patients:timeline', { patientId: long.id, after, limit: 20 }, 'bench'));
    const search = await measure((i) => core.dispatch('patients:search', { query: queries[i % queries.length]!, limit: 50 }, 'bench'));
    await core.close();

    report('emr.patients', patients, 'patients');
    report('emr.chart_open_p50_ms', percentile(open, 50), 'ms');
    report('emr.chart_open_p95_ms', percentile(open, 95), 'ms', 150);
    report('emr.chart_records', recordCount, 'records');
    report('emr.records_p95_ms', percentile(records, 95), 'ms');
    report('emr.timeline_page_p95_ms', percentile(page, 95), 'ms');
    report('emr.search_p50_ms', percentile(search, 50), 'ms');
    report('emr.search_p95_ms', percentile(search, 95), 'ms', 20);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The chart's search keys as people type them: whole and partial record and ID numbers, phone tails. */
function searchMix(db: ReturnType<typeof createCore>['db']): string[] {
  const sample = db
    .prepare<[], { record_number: string; phone: string; id_number_masked: string; name_initials: string }>(
      'SELECT record_number, phone, id_number_masked, name_initials FROM patients ORDER BY random() LIMIT 100',
    )
    .all();
  return sample.flatMap((p) => [
    p.record_number, p.record_number.slice(0, 7), p.record_number.slice(2), p.phone.slice(-4),
    p.id_number_masked, p.id_number_masked.slice(0, 8), p.name_initials,
  ]);
}
