import assert from 'node:assert/strict';
import { expect, test } from '@playwright/test';
import { startFlakyLink, type FlakyLink } from '../electron/core/sync/testing/flakyLink';
import { demo, type TestHospital } from '../server/test-support/hospital';
import { launchApp, type RunningApp } from './support/app';
import { EmrPanel } from './support/emrPages';
import { startHospital } from './support/hospital';
import { SignInPage, WorkspacePage } from './support/pages';
import { atFileEnd, setUpFile } from './support/world';

/**
 * Issue 11's proof: a physician writes, signs and amends a hypertension follow-up with the
 * hospital server out of reach (workstation A's link to it cut), then the link returns, the record
 * reaches the server once and a second workstation (B) shows it. One real server on PGlite.
 */
const htnUrl = 'https://caredesk.example.cn/fhir/Questionnaire/hypertension-follow-up';
const worker = { intervalMs: 300, minBackoffMs: 200, maxBackoffMs: 600 };

let hospital: TestHospital;
let port: number;
let linkA: FlakyLink;
let a: RunningApp;
let recordsA: EmrPanel;
let patient: { id: string; name: string; name_initials: string };
setUpFile(async () => {
  ({ hospital, port } = await startHospital(30));
  linkA = await startFlakyLink({ host: '127.0.0.1', port });
  atFileEnd(() => linkA.close());
  // The test hospital's clock stands still unless moved; two workstations on a busy machine can
  // outlast the request proofs' window (server/auth/requestProof.ts), so it follows the wall clock.
  const wallClock = setInterval(() => {
    hospital.clock = Date.now();
  }, 1000);
  atFileEnd(() => clearInterval(wallClock));
  const [found] = await hospital.db.query<{ id: string; name: string; name_initials: string }>(
    `SELECT id, name, name_initials FROM patients WHERE department = 'cardiology' AND birth_date < '1990-01-01'
        AND name NOT IN (SELECT name FROM patients GROUP BY name HAVING count(*) > 1)
      ORDER BY id LIMIT 1`,
  );
  assert.ok(found, 'the demo hospital has an adult cardiology patient');
  patient = found;
  a = await launchApp({ sync: { serverUrl: linkA.url, deviceName: 'e2e-emr-a', worker } });
  recordsA = new EmrPanel(a.page);
});

const countOnServer = async () =>
  Number((await hospital.db.query<{ n: number }>(`SELECT count(*) AS n FROM emr_records WHERE patient_id = $1`, [patient.id]))[0]!.n);

/** Signs in on a new workstation: refused until hospital IT approves it, then online. */
async function firstSignIn(app: RunningApp, deviceName: string) {
  const signIn = new SignInPage(app.page);
  await signIn.signIn(demo.doctor.account, demo.doctor.password);
  await signIn.error().waitFor();
  const [pending] = await hospital.db.query<{ id: string }>(`SELECT id FROM devices WHERE name = $1 AND status = 'pending'`, [deviceName]);
  assert.ok(pending, `${deviceName} registered and waits`);
  await hospital.approve(pending.id);
  await signIn.signIn(demo.doctor.account, demo.doctor.password);
  await app.page.locator('[data-testid="sync-indicator"][data-link="online"][data-pending="0"]').waitFor();
}

let firstId = '';
let amendedId = '';

test('with the server out of reach: find the patient by pinyin initials, write a follow-up, blocked at the empty required field', async () => {
  await firstSignIn(a, 'e2e-emr-a');
  linkA.setOnline(false);
  await a.page.locator('[data-testid="sync-indicator"][data-link="offline"]').waitFor();

  const workspace = new WorkspacePage(a.page);
  await workspace.searchFor(patient.name_initials);
  await workspace.open(patient.name);
  await recordsA.start(htnUrl);
  for (const [linkId, value] of [
    ['sbp', '152'], ['dbp', '94'], ['height', '175'], ['weight', '70'], ['adherence', 'regular'], ['adverse-reaction', 'false'],
    ['visit-class', 'uncontrolled'], ['diagnosis', 'I10'], ['plan', '继续氨氯地平 5 mg qd'],
  ] as const) await recordsA.answer(linkId, value);
  await expect(recordsA.form().getByTestId('emr-calc-bmi')).toContainText('22.9');

  await recordsA.sign(demo.doctor.password);
  await expect(recordsA.fieldError('chief-complaint')).toContainText('请填写“主诉”');
  await expect(recordsA.entries()).toHaveCount(0);
});

test('completed, signed, amended with a reason: both versions on screen, nothing sent yet', async () => {
  await recordsA.answer('chief-complaint', '血压复查');
  await recordsA.sign(demo.doctor.password);
  await recordsA.entries().first().waitFor();
  firstId = (await recordsA.entries().first().getAttribute('data-record-id')) ?? '';
  assert.ok(firstId);
  await expect(recordsA.entry(firstId)).toContainText('未上传');

  await recordsA.amend(recordsA.entry(firstId), '收缩压录入错误');
  await recordsA.answer('sbp', '142');
  await recordsA.sign(demo.doctor.password);
  const amended = recordsA.entries().filter({ hasText: '第 2 版' });
  await amended.waitFor();
  amendedId = (await amended.getAttribute('data-record-id')) ?? '';
  await recordsA.open(amended);
  await expect(amended.getByTestId('emr-reading').first()).toContainText('收缩压录入错误');
  await amended.locator('details.emr-history summary').click();
  const versions = amended.getByTestId('emr-reading');
  await expect(versions.nth(0)).toContainText('142');
  await expect(versions.nth(1)).toContainText('152');
  assert.equal(await versions.nth(1).getAttribute('data-record-id'), firstId, 'the first version, unchanged, under the new one');
  assert.equal(await countOnServer(), 0, 'nothing reached the server');
});

test('the link returns: both versions are uploaded once and a second workstation shows them', async () => {
  linkA.setOnline(true);
  await a.page.locator('[data-testid="sync-indicator"][data-link="online"][data-pending="0"]').waitFor();
  assert.equal(await countOnServer(), 2, 'the record and its amendment, once each');
  await expect(recordsA.entry(amendedId)).toContainText('已上传');

  const b = await launchApp({ sync: { serverUrl: `http://127.0.0.1:${port}`, deviceName: 'e2e-emr-b', worker } });
  await firstSignIn(b, 'e2e-emr-b');
  const workspace = new WorkspacePage(b.page);
  await workspace.searchFor(patient.name_initials);
  await workspace.open(patient.name);
  const recordsB = new EmrPanel(b.page);
  const onB = recordsB.entry(amendedId);
  await onB.waitFor();
  await recordsB.open(onB);
  await expect(onB.getByTestId('emr-reading').first()).toContainText('142');
  await expect(onB.getByTestId('emr-reading').first()).toContainText('已验证');
  assert.equal(await countOnServer(), 2, 'still once each');
});
