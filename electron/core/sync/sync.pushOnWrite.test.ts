import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SyncStatus } from '../../../shared/ipc';
import { demo, startClinic } from './testing/clinic';

// Issue 8, item 8: a local write is pushed at once while online, not at the next interval.
const clinic = await startClinic('pglite', 30);

test('a burst of writes starts one round by itself, and the top bar sees the outbox empty again', { timeout: 120_000 }, async () => {
  // An interval no test waits for: any round here is one the writes started.
  const ws = await clinic.workstation(demo.doctor, { worker: { intervalMs: 3_600_000 } });
  // Running by itself, as in the app; its first round is over before the writes.
  ws.core.sync!.start();
  await ws.core.sync!.syncNow();
  const statuses: SyncStatus[] = [];
  const sent = new Promise<void>((resolve) =>
    ws.core.onEvent((event) => {
      if (event.event !== 'sync:status') return;
      const status = event.payload as SyncStatus;
      statuses.push(status);
      if (!status.syncing && status.pending === 0 && statuses.some((s) => s.syncing)) resolve();
    }),
  );
  const patients = ws.query<{ id: string }>(`SELECT id FROM patients ORDER BY id LIMIT 3`);
  const written = await Promise.all(
    patients.map(({ id }, i) => ws.call('allergies:add', { patientId: id, allergen: `pushed-at-once-${i}`, reaction: '皮疹' }) as Promise<{ ok: boolean }>),
  );
  assert.ok(written.every((w) => w.ok));
  assert.equal(ws.query(`SELECT 1 FROM outbox`).length, 3, 'queued locally first');

  await sent; // no syncNow: the writes asked for the round
  const roundsStarted = statuses.filter((s, i) => s.syncing && !(statuses[i - 1]?.syncing ?? false)).length;
  assert.equal(roundsStarted, 1, 'one round for the burst');
  const onServer = await clinic.hospital.db.query(`SELECT 1 FROM allergies WHERE allergen LIKE 'pushed-at-once-%'`);
  assert.equal(onServer.length, 3);
  const status = (await ws.call('sync:status', {})) as { value: SyncStatus };
  assert.deepEqual({ link: status.value.link, pending: status.value.pending }, { link: 'online', pending: 0 });
});
