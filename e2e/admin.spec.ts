import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { Mutation } from '../shared/sync/wire';
import { createCore } from '../electron/core/core';
import { keyFileSource } from '../electron/core/store/keyring';
import { outboxTable } from '../electron/core/store/outbox';
import { launchApp } from './support/app';
import { expect } from './support/expect';
import { demo, TestHospital } from '../server/test-support/hospital';
import { AdminConsolePage, AdminPage, FaceAdminPage, SignInPage } from './support/pages';

const app = await launchApp({ patients: 50 });

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
const stranded = await withStore((core) => {
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

/**
 * The admin console (issue 12) on a workstation connected to a hospital server: the hospital is run
 * from here, and each change lands on the server, recorded with the admin, the device and the time.
 */
const hospital = await TestHospital.start('pglite', { patients: 10 });
await hospital.app.listen({ port: 0, host: '127.0.0.1' });
const desk = await launchApp({ sync: { serverUrl: `http://127.0.0.1:${(hospital.app.server.address() as AddressInfo).port}`, deviceName: 'e2e-admin-desk', worker: { intervalMs: 2_000 } } });
after(() => hospital.stop());
/** The server's id of the admin's workstation, once it registered. */
let deskDeviceId = '';

test('connected to the hospital, the admin signs in to the console once IT approved the workstation', async () => {
  const signIn = new SignInPage(desk.page);
  await signIn.signIn(demo.admin.account, demo.admin.password);
  await expect(signIn.error()).toContainText('尚未获医院信息科批准');
  const [pending] = await hospital.db.query<{ id: string }>(`SELECT id FROM devices WHERE name = 'e2e-admin-desk' AND status = 'pending'`);
  assert.ok(pending);
  deskDeviceId = pending.id;
  await hospital.approve(pending.id);
  await signIn.signIn(demo.admin.account, demo.admin.password);
  const adminConsole = new AdminConsolePage(desk.page);
  await adminConsole.account(demo.doctor.account).waitFor();
  await expect(adminConsole.policyScope()).toContainText('全院策略');
});

test('the admin creates an account, a bad one is refused with the reason, and suspending one stops it at the server', async () => {
  const adminConsole = new AdminConsolePage(desk.page);
  await adminConsole.createAccount({ account: 'e2e.doctor', displayName: '测试医师', password: 'short', department: 'cardiology', licenceNo: 'E2E-001', role: 'physician' });
  await expect(adminConsole.accountsError()).toContainText('password: at least 10 characters');
  assert.equal((await hospital.db.query(`SELECT 1 FROM users WHERE account = 'e2e.doctor'`)).length, 0, 'nothing written');

  await adminConsole.createAccount({ account: 'e2e.doctor', displayName: '测试医师', password: 'e2e-doctor-password', department: 'cardiology', licenceNo: 'E2E-001', role: 'physician' });
  await expect(adminConsole.accountsDone()).toHaveText('已创建账号 e2e.doctor');
  await adminConsole.account('e2e.doctor').waitFor();

  await adminConsole.account('e2e.doctor').locator('button.account-suspend').click();
  await expect(adminConsole.accountsDone()).toHaveText('已停用 e2e.doctor');
  await desk.page.locator('tr[data-account="e2e.doctor"][data-suspended="true"]').waitFor();
  const [row] = await hospital.db.query<{ suspended: boolean; id: string }>(`SELECT id, suspended FROM users WHERE account = 'e2e.doctor'`);
  assert.equal(row?.suspended, true);
  const actions = await hospital.db.query<{ action: string; device_id: string }>(`SELECT action, device_id FROM admin_actions WHERE subject = $1 ORDER BY seq`, [`user:${row.id}`]);
  assert.deepEqual(actions.map((a) => a.action), ['account.create', 'account.suspend']);
  assert.deepEqual([...new Set(actions.map((a) => a.device_id))], [deskDeviceId], 'recorded with the workstation the admin used');
});

test('a hospital setting changed in the console is held on the server; a retention below the floor is refused', async () => {
  const adminConsole = new AdminConsolePage(desk.page);
  await adminConsole.settings().locator('input[name="leaseMinutes"]').fill('5');
  await adminConsole.settings().locator('input[name="clinicalRecordYears"]').fill('10');
  await adminConsole.settings().locator('button.settings-save').click();
  await expect(adminConsole.settings().getByRole('alert')).toContainText('clinical records are kept at least 15 years');
  await adminConsole.settings().locator('input[name="clinicalRecordYears"]').fill('30');
  await adminConsole.settings().locator('button.settings-save').click();
  await expect(adminConsole.settingsSaved()).toHaveText('设置已保存到医院服务器');
  const settings = await hospital.db.query<{ key: string; value: Record<string, number> }>(`SELECT key, value FROM hospital_settings WHERE key IN ('review', 'audit') ORDER BY key`);
  assert.deepEqual(settings.map((s) => [s.key, s.key === 'review' ? s.value.leaseMs : s.value.clinicalRecordYears]), [['audit', 30], ['review', 5 * 60_000]]);

  // The face policy panel now saves the hospital's policy.
  await new FaceAdminPage(desk.page).setPolicy({ idleLockMs: 3 * 60_000 });
  await new FaceAdminPage(desk.page).policySaved().waitFor();
  const [face] = await hospital.db.query<{ value: { idleLockMs: number } }>(`SELECT value FROM hospital_settings WHERE key = 'face'`);
  assert.equal(face?.value.idleLockMs, 3 * 60_000);
});
