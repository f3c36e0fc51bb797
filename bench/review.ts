import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../electron/core/core';
import { buildServer } from '../server/app';
import { testCa } from '../server/signing/ca';
import { openDatabase } from '../server/db/open';
import type { Database } from '../server/db/types';
import { seedDemoHospital } from '../server/demo/seed';
import { demoUsers } from '../shared/demo/users';
import type { ReviewQueueView } from '../shared/ipc/reviewChannels';
import { queuePageSize } from '../shared/review/wire';
import { percentile, report, type BenchSize } from './report';

const fastHash = { N: 1024, r: 8, p: 1, keyLength: 32 };

/**
 * Pharmacist review (issue 10) through the workstation's service layer over loopback HTTP: loading
 * the shared queue with thousands of prescriptions waiting (`review.queue_p95_ms`, target 100 ms),
 * and claiming and deciding one after another, each decision signed (`review.decide_per_s`). The
 * server's database is PostgreSQL when CAREDESK_BENCH_DATABASE_URL is set, else the embedded PGlite.
 */
export async function reviewBench(size: BenchSize): Promise<void> {
  const waiting = size === 'full' ? 5_000 : 100;
  const loads = size === 'full' ? 40 : 5;
  const decisions = size === 'full' ? 200 : 5;
  const scratch = mkdtempSync(join(tmpdir(), 'caredesk-bench-review-'));
  const url = process.env.CAREDESK_BENCH_DATABASE_URL;
  const db = await openDatabase(url ? { url } : { dataDir: join(scratch, 'server') });
  const app = buildServer({ db, autoApproveDevices: true, logger: false, hashParams: fastHash, ca: testCa });
  let core: Core | null = null;
  try {
    await seedDemoHospital(db, size === 'full' ? 500 : 50, { seed: 5, hashParams: fastHash, department: 'cardiology' });
    await seedWaiting(db, waiting);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const serverUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const pharmacist = demoUsers.find((u) => u.account === 'pharmacist')!;
    // A password-only site (a real policy): the bench times the queue and decisions, not a face check.
    core = createCore({
      dataDir: mkdtempSync(join(scratch, 'ws-')),
      key: randomBytes(32),
      log: () => {},
      sync: { serverUrl, background: false },
      facePolicy: { passwordOnlySigning: true },
    });
    const call = async <T>(channel: string, request: unknown): Promise<T> => {
      const answer = await core!.dispatch(channel, request, 'bench');
      if (!answer.ok) throw new Error(`${channel}: ${answer.error.code} ${answer.error.message}`);
      return answer.value as T;
    };
    await call('auth:signIn', { account: pharmacist.account, password: pharmacist.password });
    await core.sync!.syncNow();
    report('review.database', url ? 1 : 0, url ? 'postgres' : 'pglite');

    // Exactly the call the queue screen makes (reviewQueueStore.ts): the first page, most urgent
    // first, with the live counts and filter choices of the whole queue.
    const samples: number[] = [];
    let page: ReviewQueueView | null = null;
    for (let i = 0; i < loads + 1; i++) {
      const t = performance.now();
      page = await call<ReviewQueueView>('review:queue', { limit: queuePageSize });
      if (i > 0) samples.push(performance.now() - t); // the first load warms the connection and the statement
    }
    const inQueue = page!.counts.waiting + page!.counts.inReview;
    if (inQueue !== waiting) throw new Error(`the queue counts ${inQueue} of ${waiting} waiting prescriptions`);
    if (page!.items.length !== Math.min(queuePageSize, waiting)) throw new Error(`the first page holds ${page!.items.length} items`);
    report('review.queue_waiting', inQueue, 'prescriptions');
    report('review.queue_page_items', page!.items.length, 'items');
    report('review.queue_p95_ms', percentile(samples, 95), 'ms', 100);
    report('review.load', Number(loadavg()[0]!.toFixed(2)), 'load average (1 min)');
    const { items } = await call<ReviewQueueView>('review:queue', { limit: decisions });

    // The first decision carries the password step-up; the ones after it fall in its freshness window.
    const t = performance.now();
    for (const { prescriptionId } of items.slice(0, decisions)) {
      await call('review:claim', { requestId: randomUUID(), prescriptionId });
      // Every decision is verified at the moment it is made (issue 9): here by password, so the
      // figure includes one password check per decision.
      await call('review:decide', { decisionId: randomUUID(), prescriptionId, decision: 'approve', password: pharmacist.password });
    }
    report('review.decisions', decisions, 'decisions');
    report('review.claim_decide_per_s', decisions / ((performance.now() - t) / 1000), 'decisions/s');
  } finally {
    await core?.close();
    await app.close();
    await db.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Prescriptions waiting for review, written straight into the server's tables as the push handler
 * would leave them (signed, checked on arrival), spread over the demo patients, a few of them
 * emergencies, high-alert or overridden so the queue's ordering has work to do.
 */
async function seedWaiting(db: Database, count: number): Promise<void> {
  const doctor = demoUsers.find((u) => u.account === 'doctor')!;
  await db.exec(`
    INSERT INTO prescriptions (id, patient_id, issued_on, status, items, author_id, validity_days, overrides, signed_payload,
                               arrival_check, arrival_unacknowledged, submitted_at)
    SELECT gen_random_uuid()::text, p.id, (now() AT TIME ZONE 'Asia/Shanghai')::date::text, 'submitted',
           '[{"drug":"amlodipine","dose":"5 mg","frequency":"qd","days":28}]', '${doctor.id}', 1,
           CASE WHEN n % 7 = 0 THEN '[{"code":"DOSE_SINGLE_MAX","key":"k","reason":"患者既往耐受此剂量"}]' ELSE '[]' END,
           json_build_object('checkedWith', json_build_object('visit', json_build_object('emergency', n % 50 = 0)))::text,
           CASE WHEN n % 11 = 0
                THEN '{"checkedAt":"2026-01-01T00:00:00Z","alerts":[{"code":"HIGH_ALERT","severity":"info","message":"m","drugs":[],"acknowledged":true}],"invalid":null}'
                ELSE '{"checkedAt":"2026-01-01T00:00:00Z","alerts":[],"invalid":null}' END,
           0, now() - (n || ' seconds')::interval
      FROM generate_series(1, ${count}) AS n
      JOIN LATERAL (SELECT id FROM patients ORDER BY id OFFSET (n % (SELECT count(*) FROM patients)) LIMIT 1) p ON true`);
}
