import assert from 'node:assert/strict';
import { expect, test } from '@playwright/test';
import { startFlakyLink, type FlakyLink } from '../electron/core/sync/testing/flakyLink';
import { demo, type TestHospital } from '../server/test-support/hospital';
import { launchApp, type RunningApp } from './support/app';
import { PrescriptionsPanel, RxPage, SignInPage, WorkspacePage } from './support/pages';
import { ReviewNotices, ReviewPage } from './support/reviewPages';
import { startHospital } from './support/hospital';
import { atFileEnd, setUpFile } from './support/world';

/**
 * Issue 10's proof: one real hospital server (PGlite), a physician's workstation and two
 * pharmacists' workstations (a workstation holds one session, so each person has their own).
 */
let hospital: TestHospital;
let link2: FlakyLink;
/** An adult cardiology patient with hypertension diagnosed in person: amlodipine is an ordinary prescription for them. */
let patient: { id: string; name: string; name_initials: string };
let clinic: RunningApp, pharmacy1: RunningApp, pharmacy2: RunningApp;
let physician: { workspace: WorkspacePage; rx: RxPage; chart: PrescriptionsPanel; notices: ReviewNotices };
let review1: ReviewPage, review2: ReviewPage;
setUpFile(async () => {
  let port: number;
  ({ hospital, port } = await startHospital(60));
  const serverUrl = `http://127.0.0.1:${port}`;
  // Pharmacist 2's workstation reaches the server through a link the test cuts (offline, read-only).
  link2 = await startFlakyLink({ host: '127.0.0.1', port });
  atFileEnd(() => link2.close());
  // TestHospital's clock stands still from its start unless a test moves it (server/test-support/hospital.ts),
  // and three workstations on a busy machine outlast the 5-minute window of the request proofs
  // (server/auth/requestProof.ts): here it follows the wall clock, as a real server's does.
  const wallClock = setInterval(() => {
    hospital.clock = Date.now();
  }, 1000);
  atFileEnd(() => clearInterval(wallClock));

  const [found] = await hospital.db.query<{ id: string; name: string; name_initials: string }>(
    `SELECT p.id, p.name, p.name_initials FROM patients p JOIN diagnoses d ON d.patient_id = p.id
      WHERE p.department = 'cardiology' AND d.icd10 LIKE 'I10%' AND d.setting = 'in-person' AND p.birth_date < '1990-01-01'
        AND p.name NOT IN (SELECT name FROM patients GROUP BY name HAVING count(*) > 1)
      ORDER BY p.id LIMIT 1`,
  );
  assert.ok(found, 'the demo hospital has such a patient');
  patient = found;

  const worker = { intervalMs: 300, minBackoffMs: 200, maxBackoffMs: 600 };
  const launch = (deviceName: string, url = serverUrl) => launchApp({ sync: { serverUrl: url, deviceName, worker } });
  [clinic, pharmacy1, pharmacy2] = [await launch('e2e-clinic'), await launch('e2e-pharmacy-1'), await launch('e2e-pharmacy-2', link2.url)];
  physician = { workspace: new WorkspacePage(clinic.page), rx: new RxPage(clinic.page), chart: new PrescriptionsPanel(clinic.page), notices: new ReviewNotices(clinic.page) };
  review1 = new ReviewPage(pharmacy1.page);
  review2 = new ReviewPage(pharmacy2.page);
});
const pharmacist2 = { account: 'pharmacist2', password: 'pharmacist2-demo-2026' };

/** Signs in on a new workstation: refused until hospital IT approves it, then online. */
async function firstSignIn(app: RunningApp, deviceName: string, account: { account: string; password: string }) {
  const signIn = new SignInPage(app.page);
  await signIn.signIn(account.account, account.password);
  await signIn.error().waitFor();
  const [pending] = await hospital.db.query<{ id: string }>(`SELECT id FROM devices WHERE name = $1 AND status = 'pending'`, [deviceName]);
  assert.ok(pending, `${deviceName} registered and waits`);
  await hospital.approve(pending.id);
  await signIn.signIn(account.account, account.password);
  await app.page.locator('[data-testid="sync-indicator"][data-link="online"]').waitFor();
}

let firstId = '';
let revisedId = '';
const doseNote = '老年患者建议减量至每次 2.5 mg';

test('a physician signs a prescription; it reaches the hospital and waits for review', async () => {
  await firstSignIn(clinic, 'e2e-clinic', demo.doctor);
  await physician.workspace.searchFor(patient.name_initials);
  await physician.workspace.open(patient.name);
  await physician.rx.newPrescription().click();
  const before = await physician.rx.checksSoFar();
  await physician.rx.addDrug('aldp', 'amlodipine');
  await physician.rx.checked(before);
  await physician.rx.sign(demo.doctor.password);
  await physician.rx.signed().first().waitFor();
  firstId = (await physician.rx.signed().first().getAttribute('data-prescription-id')) ?? '';
  assert.ok(firstId);
  await physician.rx.workspace().locator('.rx-head button.secondary').click();
  await physician.chart.inStatus(firstId, 'submitted');
});

test('pharmacist 1 claims it and reads it as signed, with its verified signature', async () => {
  await firstSignIn(pharmacy1, 'e2e-pharmacy-1', demo.pharmacist);
  await review1.item(firstId).waitFor();
  await review1.claim(firstId);
  await expect(review1.screen().getByTestId('review-prescription')).toContainText('氨氯地平');
  await review1.screen().locator('[data-testid="review-signature"][data-state="verified"]').waitFor();
});

test('pharmacist 2 cannot claim it: the queue says who holds it', async () => {
  await firstSignIn(pharmacy2, 'e2e-pharmacy-2', pharmacist2);
  await expect(review2.item(firstId).getByTestId('claim-holder')).toContainText('陈静');
  assert.equal(await review2.claimButton(firstId).isDisabled(), true, 'no claim on an item another pharmacist holds');
  await expect(review2.item(firstId)).toContainText('陈静 正在审核');
});

test('offline, pharmacist 2 keeps the last queue on screen, read-only, and is told why claims are off', async () => {
  link2.setOnline(false);
  await pharmacy2.page.locator('[data-testid="sync-indicator"][data-link="offline"]').waitFor();
  const loads = await review2.loads();
  await review2.queue().locator('button.review-refresh').click();
  await review2.loadedAfter(loads);
  await expect(review2.queue().getByTestId('review-read-only')).toContainText('离线');
  await review2.item(firstId).waitFor();
  assert.equal(await review2.item(firstId).locator('button.review-view').isEnabled(), true, 'still readable');
  link2.setOnline(true);
  await pharmacy2.page.locator('[data-testid="sync-indicator"][data-link="online"]').waitFor();
});

test('pharmacist 1 returns it with a structured reason and a note, after the password step-up', async () => {
  await review1.returnWith(['inappropriate.dose-or-frequency'], doseNote, demo.pharmacist.password);
  await pharmacy1.page.getByTestId('review-decided').waitFor();
  await review1.queue().locator(`li.review-item[data-prescription-id="${firstId}"]`).waitFor({ state: 'detached' });
});

test('the physician is told, reads the reason on the prescription, revises and resubmits', async () => {
  await clinic.page.locator('[data-testid="review-notices"][data-count="1"]').waitFor();
  await clinic.page.locator('button.review-notices-toggle').click();
  await expect(physician.notices.notice(firstId)).toContainText('用法、用量不适宜');
  await expect(physician.notices.notice(firstId)).toContainText(doseNote);
  await physician.notices.notice(firstId).locator('button.review-notice-open').click();

  await physician.chart.inStatus(firstId, 'returned');
  await expect(physician.chart.row(firstId).getByTestId('review-outcome')).toContainText('用法、用量不适宜');
  await expect(physician.chart.row(firstId).getByTestId('review-outcome')).toContainText(doseNote);
  await physician.chart.reviseWith(firstId, '按药师建议减量');
  await expect(physician.rx.draft().getByTestId('review-outcome')).toContainText(doseNote);
  const before = await physician.rx.checksSoFar();
  await physician.rx.item('amlodipine').getByLabel('单次剂量').fill('2.5');
  await physician.rx.checked(before);
  await physician.rx.sign(demo.doctor.password);
  // The new version, whatever its status by now: the worker may push it before the list is read.
  const revision = clinic.page.locator(`[data-testid="rx-signed"] li[data-prescription-id]:not([data-prescription-id="${firstId}"])`).first();
  await revision.waitFor();
  revisedId = (await revision.getAttribute('data-prescription-id')) ?? '';
  assert.ok(revisedId && revisedId !== firstId, 'a new version');
  await physician.rx.workspace().locator('.rx-head button.secondary').click();
  await physician.chart.inStatus(revisedId, 'submitted');
  await clinic.page.locator('[data-testid="review-notices"][data-count="0"]').waitFor({ state: 'attached' });
});

test('pharmacist 2 claims the revision, sees what changed and the exchange so far, and approves it', async () => {
  await review2.queue().locator('button.review-refresh').click();
  await review2.item(revisedId).waitFor();
  await review2.claim(revisedId);
  await expect(review2.screen().getByTestId('review-changes')).toContainText('2.5');
  await expect(review2.history()).toContainText('用法、用量不适宜');
  await review2.approve(pharmacist2.password);
  await pharmacy2.page.getByTestId('review-decided').waitFor();
});

test('the chart shows it approved, with both decisions in its history', async () => {
  await physician.chart.inStatus(revisedId, 'approved');
  await expect(physician.chart.row(revisedId).locator('[data-testid="review-outcome"] [data-decision="approve"]')).toContainText('王磊');
  await expect(physician.chart.row(firstId).locator('[data-testid="review-outcome"] [data-decision="return"]')).toContainText('陈静');
  await expect(physician.chart.row(firstId)).toContainText('用法、用量不适宜');
});
