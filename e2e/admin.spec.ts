import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { Mutation } from '../shared/sync/wire';
import { createCore } from '../electron/core/core';
import { keyFileSource } from '../electron/core/store/keyring';
import { outboxTable } from '../electron/core/store/outbox';
import { launchApp, type RunningApp } from './support/app';
import { AdminPage, SignInPage } from './support/pages';
import { setUpFile } from './support/world';

let app: RunningApp;
let stranded: { held: string; quarantined: string };
setUpFile(async () => {
  app = await launchApp({ patients: 50 });
  stranded = await strandTwoChanges();
});

/** The store the app runs on, opened beside it (WAL lets both in), as a test fixture. */
async function withStore<T>(use: (core: ReturnType<typeof createCore>) => T): Promise<T> {
  const core = createCore({ dataDir: app.dataDir, key: keyFileSource(app.dataDir).loadOrCreateKey(), log: () => {} });
  try {
    return use(core);
  } finally {
    await core.close();
  }
}

/** Two changes a physician made: the server refused one for good; then the device was revoked. */
function strandTwoChanges() {
  return withStore((core) => {
    const outbox = outboxTable(core.db);
    const doctorId = core.db.prepare<[], { id: string }>(`SELECT id FROM users WHERE account = 'doctor'`).get()!.id;
    const patients = core.db.prepare<[], { id: string }>(`SELECT id FROM patients ORDER BY id LIMIT 2`).all();
    const [held, quarantined] = patients.map(({ id }) =>
      outbox.enqueue(doctorId, 'allergy.add', { id: crypto.randomUUID(), patientId: id, allergen: 'e2e-secret-allergen', reaction: '皮疹', recordedOn: '2026-11-25' }),
    );
    outbox.hold(held!.mutationId, 'FORBIDDEN: outside the user scope');
    outbox.quarantineAll('this device has been revoked by an administrator');
    return { held: held!.mutationId, quarantined: quarantined!.mutationId };
  });
}

test('the admin signs in to the device screen, which says plainly that no server is configured', async () => {
  await new SignInPage(app.page).signIn('admin', 'admin-demo-2026');
  const admin = new AdminPage(app.page);
  await expect(admin.link()).toHaveText('未配置医院服务器');
  await expect(admin.counts()).toHaveText('0 项待上传 · 1 项被拒 · 1 项已隔离');
  await admin.item('held').filter({ hasText: stranded.held }).waitFor();
  await admin.item('quarantined').filter({ hasText: stranded.quarantined }).waitFor();
  assert.equal(await admin.items().count(), 2);
  assert.doesNotMatch((await admin.screen().textContent()) ?? '', /e2e-secret-allergen|皮疹/, 'no clinical free text');
  assert.equal(await app.page.locator('.patient-search').count(), 0, 'no patient screen for an admin');
});

test('export saves the held and quarantined mutations as the wire would carry them', async () => {
  const admin = new AdminPage(app.page);
  const [download] = await Promise.all([app.page.waitForEvent('download'), admin.exportButton().click()]);
  assert.match(download.suggestedFilename(), /^caredesk-outbox-.*\.json$/);
  const saved = JSON.parse(await readFile(await download.path(), 'utf8')) as { entries: { mutation: unknown; state: string }[]; device: { localId: string } };
  const mutations = saved.entries.map((e) => Mutation.parse(e.mutation));
  assert.deepEqual(mutations.map((m) => m.mutationId), [stranded.held, stranded.quarantined]);
  assert.deepEqual(saved.entries.map((e) => e.state), ['held', 'quarantined']);
  await expect(admin.done()).toHaveText('已导出 2 项');
});

test('release sends the quarantined change back to the outbox; the held one stays held', async () => {
  const admin = new AdminPage(app.page);
  await admin.releaseButton().click();
  await expect(admin.done()).toHaveText('已释放 1 项，将在下次同步时上传');
  await expect(admin.counts()).toHaveText('1 项待上传 · 1 项被拒 · 0 项已隔离');
  const states = await withStore((core) => outboxTable(core.db).all().map((e) => [e.mutation.mutationId, e.state]));
  assert.deepEqual(states, [[stranded.held, 'held'], [stranded.quarantined, 'pending']]);
  const audited = await withStore((core) =>
    core.db.prepare<[], { action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'admin.%' ORDER BY seq`).all(),
  );
  assert.deepEqual(audited.map((a) => a.action), ['admin.outbox-export', 'admin.outbox-release']);
});
