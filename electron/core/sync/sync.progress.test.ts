import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SyncStatus } from '../../../shared/ipc';
import { pullProgress } from './pullProgress';
import { demo, startClinic } from './testing/clinic';

const clinic = await startClinic('pglite', 30);

test('the server says where its feed ends, on every page', async () => {
  const ws = await clinic.hospital.workstation(demo.doctor.account, demo.doctor.password);
  const first = await clinic.hospital.pull(ws, 0, { limit: 5 });
  assert.equal(first.status, 200);
  const [{ max }] = (await clinic.hospital.db.query<{ max: number }>(`SELECT max(seq) AS max FROM changes`)) as [{ max: number }];
  assert.equal(first.body.latestSeq, max);
  assert.ok(first.body.hasMore);
  const last = await clinic.hospital.pullAll(ws, { cursor: first.body.nextCursor, scopeEpoch: first.body.scopeEpoch });
  assert.ok(last.state.cursor <= max);
});

test('a catch-up of several pages reports progress that grows and reaches its total', async () => {
  const ws = await clinic.workstation(demo.doctor, { pullPageSize: 2 });
  const other = await clinic.workstation(demo.doctor);
  const patients = other.query<{ id: string }>(`SELECT id FROM patients ORDER BY id LIMIT 12`);
  for (const [i, { id }] of patients.entries()) {
    const added = (await other.call('allergies:add', { patientId: id, allergen: `progress-allergen-${i}`, reaction: '皮疹' })) as { ok: boolean };
    assert.ok(added.ok, JSON.stringify(added));
  }
  await other.sync();

  const seen: SyncStatus[] = [];
  ws.core.onEvent(({ event, payload }) => {
    if (event === 'sync:status') seen.push(payload as SyncStatus);
  });
  await ws.sync();
  const bars = seen.filter((s) => s.syncing && s.progress).map((s) => s.progress!);
  assert.ok(bars.length >= 3, `a bar on each of several pages, saw ${JSON.stringify(bars)}`);
  for (const [i, bar] of bars.entries()) {
    assert.ok(bar.done <= bar.total);
    if (i > 0) assert.ok(bar.done >= bars[i - 1]!.done, 'never goes back');
  }
  const lastBar = bars.at(-1)!;
  assert.equal(lastBar.done, lastBar.total, 'reaches its total');
  assert.equal(seen.at(-1)?.progress, null, 'no bar once the round is over');
  assert.equal(ws.query(`SELECT 1 FROM allergies WHERE allergen LIKE 'progress-allergen-%'`).length, patients.length);
});

test('no bar for a pull of one page, or from a server that does not say where its feed ends', () => {
  const onePage = pullProgress();
  assert.equal(onePage(10, { reset: false, nextCursor: 20, hasMore: false, latestSeq: 20 }), null);
  const older = pullProgress();
  assert.equal(older(0, { reset: false, nextCursor: 50, hasMore: true }), null);
  const reset = pullProgress();
  assert.deepEqual(reset(500, { reset: true, nextCursor: 100, hasMore: true, latestSeq: 400 }), { done: 100, total: 400 }, 'a reset counts from 0');
  assert.deepEqual(reset(100, { reset: false, nextCursor: 300, hasMore: false, latestSeq: 400 }), { done: 400, total: 400 });
});
