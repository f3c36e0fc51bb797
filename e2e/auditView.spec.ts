import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { demo, type TestHospital } from '../server/test-support/hospital';
import { launchApp, type RunningApp } from './support/app';
import { AccessHistoryPage, AuditViewPage, signOut } from './support/auditPages';
import { startHospital } from './support/hospital';
import { SignInPage, WorkspacePage } from './support/pages';
import { setUpFile } from './support/world';

/**
 * The admin's audit view (issue 12) on a workstation connected to a hospital server: a physician
 * opens a chart here, the trail reaches the server with sync, and the admin finds it by patient,
 * user, action and time range, exports it as CSV (the export is itself in the trail), and a
 * physician who is also an admin sees the patient's access history from the chart itself.
 */
let hospital: TestHospital;
let desk: RunningApp;
let patient: { id: string; name: string };
let doctorId = '';
setUpFile(async () => {
  let port: number;
  ({ hospital, port } = await startHospital(10));
  desk = await launchApp({ sync: { serverUrl: `http://127.0.0.1:${port}`, deviceName: 'e2e-audit-desk', worker: { intervalMs: 1_000 } } });
});

/** `YYYY-MM-DDTHH:mm` for a datetime-local input, `days` from now (a day either side covers any time zone). */
const localDay = (days: number, time: string) => `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;

test('a physician opens a chart on the workstation; the chart open is audited', async () => {
  const signIn = new SignInPage(desk.page);
  await signIn.signIn(demo.doctor.account, demo.doctor.password);
  await expect(signIn.error()).toContainText('尚未获医院信息科批准');
  const [pending] = await hospital.db.query<{ id: string }>(`SELECT id FROM devices WHERE name = 'e2e-audit-desk' AND status = 'pending'`);
  assert.ok(pending);
  await hospital.approve(pending.id);
  await signIn.signIn(demo.doctor.account, demo.doctor.password);

  [patient] = await hospital.db.query<{ id: string; name: string }>(`SELECT id, name FROM patients WHERE department = 'cardiology' ORDER BY id LIMIT 1`) as [{ id: string; name: string }];
  const [doctor] = await hospital.db.query<{ id: string }>(`SELECT id FROM users WHERE account = $1`, [demo.doctor.account]);
  doctorId = doctor!.id;
  const workspace = new WorkspacePage(desk.page);
  await workspace.searchFor(patient.name);
  await workspace.open(patient.name);
  // The trail reaches the server with the next sync round.
  await expect.poll(async () => (await hospital.db.query(`SELECT 1 FROM audit_entries WHERE action = 'chart.open' AND subject = $1`, [`patient:${patient.id}`])).length).toBeGreaterThan(0);
  await signOut(desk.page);
});

test('the admin finds the chart open by patient, by user, by action and by time range', async () => {
  await new SignInPage(desk.page).signIn(demo.admin.account, demo.admin.password);
  const audit = new AuditViewPage(desk.page);
  await audit.panel().waitFor();

  await audit.query({ patientId: patient.id });
  await expect(audit.row('chart.open').first()).toContainText(demo.doctor.account);
  await expect(audit.row('chart.open').first()).toContainText(`patient:${patient.id}`);

  await audit.query({ userId: doctorId, action: 'chart.open' });
  await expect(audit.row('chart.open').first()).toContainText(`patient:${patient.id}`);
  await expect(audit.rows().filter({ hasNotText: demo.doctor.account })).toHaveCount(0);

  await audit.query({ action: 'chart.open', from: localDay(-1, '00:00'), to: localDay(1, '23:59') });
  await expect(audit.row('chart.open').first()).toBeVisible();
  await audit.query({ action: 'chart.open', from: '2020-01-01T00:00', to: '2020-01-02T00:00' });
  await expect(audit.empty()).toBeVisible();
});

test('the admin exports the trail as CSV, and the export itself is in the trail', async () => {
  const audit = new AuditViewPage(desk.page);
  await audit.query({ patientId: patient.id });
  const download = desk.page.waitForEvent('download');
  await audit.exportButton().click();
  const file = await (await download).path();
  const csv = readFileSync(file, 'utf8').split('\r\n');
  assert.equal(csv[0], 'at,deviceId,deviceName,seq,userId,userAccount,sessionId,action,subject,detail');
  assert.ok(csv.some((line) => line.includes('"chart.open"') && line.includes(`"patient:${patient.id}"`) && line.includes(`"${demo.doctor.account}"`)), 'the chart open is in the file');
  await expect(audit.exported()).toBeVisible();

  // The export is audited here and reaches the server with the next round: the admin finds it.
  await expect(async () => {
    await audit.query({ action: 'audit.export' });
    await expect(audit.row('audit.export').first()).toContainText(demo.admin.account, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(audit.row('audit.export').first()).toContainText('export:audit-csv');
  await signOut(desk.page);
});

test("a physician who is also an admin opens the patient's access history from the chart", async () => {
  await hospital.createAccount('e2e.chief', ['physician', 'admin'], 'cardiology', 'e2e-chief-password');
  await new SignInPage(desk.page).signIn('e2e.chief', 'e2e-chief-password');
  const workspace = new WorkspacePage(desk.page);
  await workspace.searchFor(patient.name);
  await workspace.open(patient.name);
  const history = new AccessHistoryPage(desk.page);
  await history.show().click();
  await expect(history.row('chart.open').filter({ hasText: demo.doctor.account }).first()).toBeVisible();
});

test('a physician without the admin role has no access history in the chart', async () => {
  await signOut(desk.page);
  await new SignInPage(desk.page).signIn(demo.doctor.account, demo.doctor.password);
  const workspace = new WorkspacePage(desk.page);
  await workspace.searchFor(patient.name);
  await workspace.open(patient.name);
  await expect(new AccessHistoryPage(desk.page).section()).toHaveCount(0);
});
