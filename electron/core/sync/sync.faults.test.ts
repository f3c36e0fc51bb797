import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { createCore } from '../core';
import { keyFileSource } from '../store/keyring';
import { freshDataDir } from '../testing/fixtures';
import { demo, startClinic } from './testing/clinic';

const clinic = await startClinic('pglite', 60);

// Cuts at random offsets, on requests and responses, with mixed kinds: sync.exactlyOnce.test.ts.

test('a workstation killed in the middle of a sync resumes where it committed', async () => {
  const dataDir = freshDataDir('caredesk-killed');
  const serverUrl = `http://127.0.0.1:${(clinic.hospital.app.server.address() as { port: number }).port}`;
  const run = () =>
    spawn(process.execPath, ['--import', 'tsx', 'cli/caredesk.ts', 'sync', '--server', serverUrl, '--data-dir', dataDir, '--user', 'doctor', '--page-size', '20'], {
      env: { ...process.env, CAREDESK_PASSWORD: demo.doctor.password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  // First run: registers the device (pending). Approve it, then kill the second run mid-way.
  const first = run();
  await once(first, 'exit');
  const core = createCore({ dataDir, key: keyFileSource(dataDir).loadOrCreateKey(), log: () => {} });
  const deviceId = core.db.prepare<[], { value: string }>(`SELECT value FROM sync_state WHERE key = 'device.server_id'`).get()!.value;
  await core.close();
  await clinic.hospital.approve(deviceId);

  const killed = run();
  await new Promise<void>((resolve) => {
    killed.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('pulled ')) resolve(); // a page is committed: kill it now
    });
  });
  killed.kill('SIGKILL');
  await once(killed, 'exit');
  const partial = createCore({ dataDir, key: keyFileSource(dataDir).loadOrCreateKey(), log: () => {} });
  const rowsHeld = (db: typeof partial.db) =>
    db.prepare<[], { n: number }>(
      `SELECT (SELECT count(*) FROM patients) + (SELECT count(*) FROM encounters) + (SELECT count(*) FROM labs)
            + (SELECT count(*) FROM prescriptions) + (SELECT count(*) FROM diagnoses) AS n`,
    ).get()!.n;
  const midway = rowsHeld(partial.db);
  await partial.close();

  const finished = run();
  const [code] = (await once(finished, 'exit')) as [number];
  assert.equal(code, 0);

  const after = createCore({ dataDir, key: keyFileSource(dataDir).loadOrCreateKey(), log: () => {} });
  const local = after.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM patients`).get()!.n;
  const labs = after.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM labs`).get()!.n;
  const finalRows = rowsHeld(after.db);
  await after.close();
  const [server] = await clinic.hospital.db.query<{ patients: number; labs: number }>(
    `SELECT (SELECT count(*)::int FROM patients WHERE department = 'cardiology') AS patients,
            (SELECT count(*)::int FROM labs l JOIN patients p ON p.id = l.patient_id WHERE p.department = 'cardiology') AS labs`,
  );
  assert.ok(midway > 0 && midway < finalRows, `killed part-way (had ${midway} of ${finalRows} rows)`);
  assert.deepEqual({ patients: local, labs }, { patients: server!.patients, labs: server!.labs });
});

test('a workstation clock an hour off still syncs; the server orders its change and flags the clock', async () => {
  const onTime = await clinic.workstation(demo.doctor);
  const skewed = await clinic.workstation(demo.doctor, { clockOffsetMs: 3_600_000 });
  const [patient] = onTime.query<{ id: string }>(`SELECT id FROM patients ORDER BY id LIMIT 1 OFFSET 7`) as [{ id: string }];
  await skewed.call('allergies:add', { patientId: patient.id, allergen: 'allergen-from-skewed-clock', reaction: '皮疹' });
  await onTime.call('allergies:add', { patientId: patient.id, allergen: 'allergen-from-right-clock', reaction: '皮疹' });
  await onTime.sync();
  await skewed.sync();
  await onTime.sync();

  for (const ws of [onTime, skewed]) {
    assert.equal(ws.query(`SELECT 1 FROM outbox`).length, 0);
    assert.equal(ws.query(`SELECT 1 FROM allergies WHERE allergen LIKE 'allergen-from-%'`).length, 2);
  }
  const feed = await clinic.hospital.db.query<{ allergen: string; clock_skewed: boolean }>(
    `SELECT row->>'allergen' AS allergen, clock_skewed FROM changes
      WHERE table_name = 'allergies' AND row->>'allergen' LIKE 'allergen-from-%' ORDER BY seq`,
  );
  assert.deepEqual(feed, [
    { allergen: 'allergen-from-right-clock', clock_skewed: false },
    { allergen: 'allergen-from-skewed-clock', clock_skewed: true },
  ], 'ordered by arrival at the server, not by the clocks; the wrong clock flagged');
});

test('a server answering 503 while its database restarts is offline, with the reason; the outbox waits and then drains', async () => {
  const ws = await clinic.workstation(demo.doctor);
  const [patient] = ws.query<{ id: string }>(`SELECT id FROM patients ORDER BY id LIMIT 1 OFFSET 11`) as [{ id: string }];
  await ws.call('allergies:add', { patientId: patient.id, allergen: 'allergen-during-db-restart', reaction: '皮疹' });
  ws.link.setDatabaseDown(true);
  await ws.sync();
  const down = ws.core.sync!.current();
  assert.equal(down.link, 'offline');
  assert.match(down.linkReason ?? '', /DATABASE_UNAVAILABLE/);
  assert.equal(down.pending, 1);
  ws.link.setDatabaseDown(false);
  await ws.sync();
  const up = ws.core.sync!.current();
  assert.deepEqual([up.link, up.linkReason, up.pending], ['online', null, 0]);
  const onServer = await clinic.hospital.db.query(`SELECT 1 FROM allergies WHERE allergen = 'allergen-during-db-restart'`);
  assert.equal(onServer.length, 1);
});
