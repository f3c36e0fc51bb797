import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SyncStatus } from '../../../shared/ipc';
import { demo, startClinic, type TestWorkstation } from './testing/clinic';

// Issue 8, item 2: a refusal the engine has no rule for never stops sync for anyone else.
const clinic = await startClinic('pglite', 30);

const ok = async <T>(ws: TestWorkstation, channel: string, payload: unknown, connection = ws.connection): Promise<T> => {
  const answer = (await ws.core.dispatch(channel, payload, connection)) as { ok: boolean; value: T };
  assert.equal(answer.ok, true, `${channel}: ${JSON.stringify(answer)}`);
  return answer.value;
};

test('IT suspends one user of a shared workstation: their changes are held with the reason, everyone else keeps syncing', async () => {
  const colleagueId = await clinic.hospital.createAccount('colleague', ['physician'], 'cardiology', 'colleague-password-1');
  const shared = await clinic.workstation({ account: 'colleague', password: 'colleague-password-1' });
  const doctor = 'c-doctor';
  await ok(shared, 'auth:signIn', demo.doctor, doctor);
  await shared.sync();
  const [first, second] = shared.query<{ id: string }>(`SELECT id FROM patients ORDER BY id LIMIT 2`) as [{ id: string }, { id: string }];

  await ok(shared, 'allergies:add', { patientId: first.id, allergen: 'suspended-author-allergen', reaction: '皮疹' });
  await ok(shared, 'allergies:add', { patientId: first.id, allergen: 'colleague-allergen', reaction: '皮疹' }, doctor);
  const admin = await clinic.hospital.admin();
  const suspended = await clinic.hospital.request('PATCH', `/admin/accounts/${colleagueId}`, { token: admin.token, body: { suspended: true } });
  assert.equal(suspended.status, 200);
  // Meanwhile another workstation records something the shared one must still receive.
  const other = await clinic.workstation(demo.doctor);
  await ok(other, 'allergies:add', { patientId: second.id, allergen: 'from-elsewhere', reaction: '荨麻疹' });
  await other.sync();

  await shared.sync();
  await shared.sync();

  const status = await ok<SyncStatus>(shared, 'sync:status', {});
  assert.deepEqual({ link: status.link, pending: status.pending, held: status.held }, { link: 'online', pending: 0, held: 1 });
  assert.equal(shared.query(`SELECT 1 FROM allergies WHERE allergen = 'from-elsewhere'`).length, 1, 'the other users still pull');
  const onServer = await clinic.hospital.db.query<{ allergen: string }>(
    `SELECT allergen FROM allergies WHERE allergen IN ('suspended-author-allergen', 'colleague-allergen') ORDER BY allergen`,
  );
  assert.deepEqual(onServer.map((r) => r.allergen), ['colleague-allergen'], "the other user's change was sent; the suspended one's was not");

  // The workstation admin sees what waits, and why.
  await ok(shared, 'auth:signIn', demo.admin, 'c-admin');
  const view = await ok<{ items: { state: string; authorId: string; reason: string | null }[] }>(shared, 'admin:device', {}, 'c-admin');
  assert.deepEqual(view.items.map((i) => ({ state: i.state, authorId: i.authorId })), [{ state: 'held', authorId: colleagueId }]);
  assert.match(view.items[0]!.reason ?? '', /^ACCOUNT_SUSPENDED/);
});

test('an answer the engine cannot read (a server of another version) is reported, and the worker tries again by itself', async () => {
  const ws = await clinic.workstation(demo.doctor, { worker: { intervalMs: 3_600_000, minBackoffMs: 1, maxBackoffMs: 2 } });
  ws.core.sync!.start(); // running by itself, as in the app
  await ws.core.sync!.syncNow();
  const statuses: SyncStatus[] = [];
  ws.core.onEvent((event) => {
    if (event.event === 'sync:status') statuses.push(event.payload as SyncStatus);
  });
  const [patient] = ws.query<{ id: string }>(`SELECT id FROM patients ORDER BY id LIMIT 1`) as [{ id: string }];
  await ok(ws, 'allergies:add', { patientId: patient.id, allergen: 'after-the-upgrade', reaction: '皮疹' });

  ws.link.answerEvery({ status: 200, body: { unexpected: 'shape' } });
  await ws.sync(); // resolves: the round itself never rejects
  const failed = await ok<SyncStatus>(ws, 'sync:status', {});
  assert.equal(failed.link, 'offline');
  assert.match(failed.linkReason ?? '', /another server version/);
  assert.equal(failed.pending, 1, 'nothing lost');

  // The server is fixed; nobody presses anything: the next round was scheduled after the failure.
  const recovered = new Promise<void>((resolve) => {
    ws.core.onEvent((event) => {
      const status = event.payload as SyncStatus;
      if (event.event === 'sync:status' && !status.syncing && status.link === 'online' && status.pending === 0) resolve();
    });
  });
  ws.link.answerEvery(null);
  await recovered;
  assert.ok(statuses.some((s) => s.link === 'offline' && !s.syncing), 'the failure was shown');
  const onServer = await clinic.hospital.db.query(`SELECT 1 FROM allergies WHERE allergen = 'after-the-upgrade'`);
  assert.equal(onServer.length, 1);
});
