import assert from 'node:assert/strict';
import { expect, test } from '@playwright/test';
import { startFlakyLink, type FlakyLink } from '../electron/core/sync/testing/flakyLink';
import { demo, type TestHospital } from '../server/test-support/hospital';
import { launchApp, type RunningApp } from './support/app';
import { RxPage, SignInPage, WorkspacePage } from './support/pages';
import { startHospital } from './support/hospital';
import { atFileEnd, setUpFile } from './support/world';

/** A hospital server on PGlite, reached through a link the test can cut, and a fresh workstation. */
let hospital: TestHospital;
let link: FlakyLink;
let app: RunningApp;
let signIn: SignInPage;
let workspace: WorkspacePage;
setUpFile(async () => {
  let port: number;
  ({ hospital, port } = await startHospital(30));
  link = await startFlakyLink({ host: '127.0.0.1', port });
  atFileEnd(() => link.close());
  // Short rounds, so that the background worker (not the test) notices the link within a second.
  app = await launchApp({ sync: { serverUrl: link.url, deviceName: 'e2e-ws', worker: { intervalMs: 300, minBackoffMs: 200, maxBackoffMs: 600 } } });
  signIn = new SignInPage(app.page);
  workspace = new WorkspacePage(app.page);
});
const indicator = () => app.page.getByTestId('sync-indicator');

test('a new workstation waits for hospital IT, then downloads its department by itself', async () => {
  await signIn.signIn(demo.doctor.account, demo.doctor.password);
  await expect(signIn.error()).toContainText('尚未获医院信息科批准');

  const [pending] = await hospital.db.query<{ id: string }>(`SELECT id FROM devices WHERE name = 'e2e-ws' AND status = 'pending'`);
  assert.ok(pending, 'the workstation registered its key and waits');
  await hospital.approve(pending.id);

  await signIn.signIn(demo.doctor.account, demo.doctor.password);
  await app.page.locator('[data-testid="sync-indicator"][data-link="online"][data-pending="0"]').waitFor();
  const [patient] = await hospital.db.query<{ name: string; name_initials: string }>(
    `SELECT name, name_initials FROM patients WHERE department = 'cardiology' AND name NOT IN (SELECT name FROM patients GROUP BY name HAVING count(*) > 1) ORDER BY id LIMIT 1`,
  );
  assert.ok(patient);
  await workspace.searchFor(patient.name_initials);
  await workspace.open(patient.name);
});

test('offline, a change waits in the top bar; when the link returns it is sent without anyone pressing anything', async () => {
  link.setOnline(false);
  await app.page.locator('[data-testid="sync-indicator"][data-link="offline"]').waitFor();
  await expect(indicator()).toContainText('离线');

  const allergies = workspace.summary().getByTestId('allergies');
  await allergies.getByLabel('过敏原').fill('头孢呋辛');
  await allergies.getByLabel('反应').fill('皮疹');
  await allergies.locator('button[type="submit"]').click();
  await expect(allergies).toContainText('头孢呋辛');
  await app.page.locator('[data-testid="sync-indicator"][data-pending="1"]').waitFor();
  assert.equal((await hospital.db.query(`SELECT 1 FROM allergies WHERE allergen = '头孢呋辛'`)).length, 0, 'nothing reached the server yet');

  link.setOnline(true);
  await app.page.locator('[data-testid="sync-indicator"][data-link="online"][data-pending="0"]').waitFor();
  assert.equal((await hospital.db.query(`SELECT 1 FROM allergies WHERE allergen = '头孢呋辛'`)).length, 1, 'sent once');
});

test("the drafting search offers the hospital's own list: its additions, not what it withdrew", async () => {
  const rx = new RxPage(app.page);
  await rx.newPrescription().click();
  const search = rx.draft().locator('input[name="drug-search"]');
  await search.fill('blst');
  await rx.draft().locator('.rx-hit[data-drug-code="bilastine"]').waitFor();
  await search.fill('gli');
  await rx.draft().locator('.rx-hit[data-drug-code="gliclazide"]').waitFor();
  assert.equal(await rx.draft().locator('.rx-hit[data-drug-code="glibenclamide"]').count(), 0, 'withdrawn by the demo hospital');
});
