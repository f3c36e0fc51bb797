import assert from 'node:assert/strict';
import { expect, test } from '@playwright/test';
import { demo, type TestHospital } from '../server/test-support/hospital';
import { launchApp, type RunningApp } from './support/app';
import { AdminConsolePage, FaceAdminPage, SignInPage } from './support/pages';
import { startHospital } from './support/hospital';
import { setUpFile } from './support/world';

/**
 * The admin console (issue 12) on a workstation connected to a hospital server: the hospital is run
 * from here, and each change lands on the server, recorded with the admin, the device and the time.
 */
let hospital: TestHospital;
let desk: RunningApp;
setUpFile(async () => {
  let port: number;
  ({ hospital, port } = await startHospital(10));
  desk = await launchApp({ sync: { serverUrl: `http://127.0.0.1:${port}`, deviceName: 'e2e-admin-desk', worker: { intervalMs: 2_000 } } });
});
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
