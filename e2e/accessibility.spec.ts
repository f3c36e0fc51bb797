import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createCore } from '../electron/core/core';
import { keyFileSource } from '../electron/core/store/keyring';
import { randomUUID } from 'node:crypto';
import { demo, m, patientOf, type TestHospital } from '../server/test-support/hospital';
import { launchApp, type RunningApp } from './support/app';
import { startHospital } from './support/hospital';
import { EmrPanel } from './support/emrPages';
import { RxPage, SignInPage, WorkspacePage } from './support/pages';
import { ReviewPage } from './support/reviewPages';
import { atFileEnd, setUpFile } from './support/world';

let app: RunningApp;
let patient: { name: string; record_number: string };
/** The review screens need the hospital (claims are leases held there): a server and a pharmacist's workstation. */
let hospital: TestHospital;
let pharmacy: RunningApp;
let waitingId: string;
setUpFile(async () => {
  app = await launchApp();
  patient = aChartPatient();
  let port: number;
  ({ hospital, port } = await startHospital(20));
  // TestHospital's clock stands still from its start unless moved (server/test-support/hospital.ts); the
  // chart tests run first and outlast the 5-minute window of request proofs on a busy machine.
  const wallClock = setInterval(() => {
    hospital.clock = Date.now();
  }, 1000);
  atFileEnd(() => clearInterval(wallClock));
  waitingId = await aPrescriptionWaitingForReview();
  pharmacy = await launchApp({ sync: { serverUrl: `http://127.0.0.1:${port}`, deviceName: 'e2e-a11y-pharmacy', worker: { intervalMs: 300, minBackoffMs: 200, maxBackoffMs: 600 } } });
});

/** A physician's signed prescription pushed to the hospital as a workstation pushes it. */
async function aPrescriptionWaitingForReview(): Promise<string> {
  const doctor = await hospital.workstation(demo.doctor.account, demo.doctor.password);
  const patientId = (await patientOf(hospital.db, 'cardiology')).id;
  const encounterId = randomUUID();
  const rx = m.submitRx(doctor, patientId, encounterId);
  const answer = await hospital.push(doctor, [m.addEncounter(patientId, encounterId), rx]);
  assert.deepEqual(answer.body.results.map((r) => r.status), ['applied', 'applied'], JSON.stringify(answer.body));
  return (rx.payload as { id: string }).id;
}

/** A hypertensive patient: allergies banner, problem list, trends, prescriptions and signed records all show. */
function aChartPatient() {
  const core = createCore({ dataDir: app.dataDir, key: keyFileSource(app.dataDir).loadOrCreateKey(), log: () => {} });
  try {
    return core.db
      .prepare<[], { name: string; record_number: string }>(
        `SELECT p.name, p.record_number FROM patients p JOIN diagnoses d ON d.patient_id = p.id
          WHERE d.icd10 = 'I10' AND (SELECT count(*) FROM encounters e WHERE e.patient_id = p.id) >= 2
            AND EXISTS (SELECT 1 FROM emr_records r WHERE r.patient_id = p.id) ORDER BY p.id LIMIT 1`,
      )
      .get()!;
  } finally {
    void core.close();
  }
}

const workspaceOf = (running: RunningApp) => new WorkspacePage(running.page);

/** axe-core's WCAG 2 A and AA rules on what `selector` holds; every violation named in the failure. */
async function assertAccessible(page: Page, selector: string, screen: string) {
  const { violations } = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa']).analyze();
  const summary = violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], `${screen}: WCAG 2 A/AA violations`);
}

test('the chart passes WCAG 2 A/AA, in Chinese and in English, and opens by keyboard alone', async () => {
  await new SignInPage(app.page).signIn('doctor', 'doctor-demo-2026');
  const workspace = new WorkspacePage(app.page);
  await expect(workspace.user()).toContainText('张伟');
  // Keyboard only: the search field, the record number, then Tab to the result and Enter.
  await workspace.search().focus();
  await app.page.keyboard.type(patient.record_number);
  await workspace.results().first().waitFor();
  await app.page.keyboard.press('Tab');
  await app.page.keyboard.press('Enter');
  await workspace.summary().locator('h2', { hasText: patient.name }).waitFor();
  await workspace.summary().getByTestId('lab-trends').locator('svg').first().waitFor();
  // The newest visit on the timeline holds its signed record; it opens in full from there.
  const newestVisit = workspace.summary().getByTestId('encounters').locator('li.timeline-entry').first();
  const record = newestVisit.getByTestId('emr-entry');
  await expect(record).toHaveCount(1);
  await record.locator('button[aria-expanded]').focus();
  await app.page.keyboard.press('Enter');
  const reading = record.getByTestId('emr-reading');
  await expect(reading.locator('.emr-line[data-link-id="chief-complaint"] dd')).toHaveText((await newestVisit.locator('.muted.small').first().textContent()) ?? '');
  await expect(reading.locator('.emr-line[data-link-id="diagnosis"] dd')).toContainText(/[A-Z]\d/);
  await assertAccessible(app.page, '[data-testid="patient-summary"]', 'chart (zh-CN)');

  await workspace.language().selectOption('en');
  await expect(workspace.summary().getByTestId('diagnoses').locator('h3')).toHaveText('Problem list');
  await assertAccessible(app.page, '[data-testid="patient-summary"]', 'chart (en)');
  await workspace.language().selectOption('zh-CN');
});

test('the ICD-10 picker: found by pinyin initials, picked by keyboard alone, passes WCAG 2 A/AA, English names in the en UI', async () => {
  const records = new EmrPanel(app.page);
  await records.start('https://caredesk.example.cn/fhir/Questionnaire/outpatient-general');
  const picker = records.form().locator('[role="combobox"][name="diagnosis"]');
  await expect(records.form().getByRole('combobox', { name: /诊断/ })).toHaveAttribute('name', 'diagnosis');
  await picker.focus();
  await app.page.keyboard.type('gxy');
  const options = records.form().getByRole('listbox');
  await expect(options.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await expect(options).toContainText('I10 特发性(原发性)高血压');
  await assertAccessible(app.page, '[data-testid="emr-form"]', 'record form, picker open');
  // Arrow to I10 wherever it ranks, then Enter picks it.
  const rank = await options.getByRole('option').evaluateAll((items) => items.findIndex((li) => li.getAttribute('data-code') === 'I10'));
  for (let i = 0; i < rank; i++) await app.page.keyboard.press('ArrowDown');
  await expect(picker).toHaveAttribute('aria-activedescendant', await options.locator('[data-code="I10"]').getAttribute('id') ?? '');
  await app.page.keyboard.press('Enter');
  const picked = records.field('diagnosis').locator('.icd-picked li');
  await expect(picked).toHaveText([/I10 特发性\(原发性\)高血压/]);
  await expect(picker).toHaveValue('');
  await expect(picker).toHaveAttribute('aria-expanded', 'false');

  // Text that matches no code picks nothing; a second code by its Chinese name.
  await app.page.keyboard.type('不存在的病');
  await app.page.keyboard.press('Enter');
  await expect(records.field('diagnosis').locator('.icd-status')).toHaveText('列表中没有匹配的 ICD-10 编码');
  await picker.fill('');
  await app.page.keyboard.type('哮喘');
  await app.page.keyboard.press('Enter');
  await expect(picked).toHaveText([/I10/, /J45\.9 哮喘/]);

  await workspaceOf(app).language().selectOption('en');
  await expect(picked).toHaveText([/I10 Essential \(primary\) hypertension/, /J45\.9 Asthma/]);
  await picker.fill('e119');
  await expect(records.form().getByRole('listbox').getByRole('option').first()).toContainText('E11.9 Type 2 diabetes');
  await assertAccessible(app.page, '[data-testid="emr-form"]', 'record form, picker open (en)');
  await app.page.keyboard.press('Escape');
  await workspaceOf(app).language().selectOption('zh-CN');
  await records.field('diagnosis').getByRole('button', { name: '移除 J45.9' }).click();
  await expect(picked).toHaveText([/I10/]);
  await records.form().locator('button.secondary', { hasText: '关闭' }).click();
});

test('prescribing and its sign step pass WCAG 2 A/AA', async () => {
  const rx = new RxPage(app.page);
  await rx.newPrescription().click();
  await rx.workspace().waitFor();
  await assertAccessible(app.page, '[data-testid="rx-workspace"]', 'prescribing');
  await rx.addDrug('aldp', 'amlodipine');
  await rx.checked(0);
  await rx.draft().locator('button.rx-sign').click();
  await rx.signPanel().waitFor();
  await assertAccessible(app.page, '[data-testid="rx-workspace"]', 'sign step');
});

test('the review queue and the review screen pass WCAG 2 A/AA, and a claim is reachable by keyboard', async () => {
  const signIn = new SignInPage(pharmacy.page);
  await signIn.signIn(demo.pharmacist.account, demo.pharmacist.password);
  await signIn.error().waitFor();
  const [pending] = await hospital.db.query<{ id: string }>(`SELECT id FROM devices WHERE name = 'e2e-a11y-pharmacy' AND status = 'pending'`);
  assert.ok(pending, 'the pharmacy workstation registered and waits');
  await hospital.approve(pending.id);
  await signIn.signIn(demo.pharmacist.account, demo.pharmacist.password);
  await pharmacy.page.locator('[data-testid="sync-indicator"][data-link="online"]').waitFor();

  const review = new ReviewPage(pharmacy.page);
  await review.item(waitingId).waitFor();
  await assertAccessible(pharmacy.page, '[data-testid="review-queue"]', 'review queue (zh-CN)');
  // Keyboard only: focus lands on the claim button and Enter claims.
  await review.claimButton(waitingId).focus();
  await pharmacy.page.keyboard.press('Enter');
  await pharmacy.page.locator(`[data-testid="review-screen"][data-prescription-id="${waitingId}"][data-mine="true"]`).waitFor();
  await review.screen().locator('[data-testid="review-signature"][data-state="verified"]').waitFor();
  await assertAccessible(pharmacy.page, '[data-testid="review-screen"]', 'review screen (zh-CN)');
  await review.decision().locator('input[name="decision"][value="return"]').check();
  await assertAccessible(pharmacy.page, '[data-testid="review-screen"]', 'review screen, returning (zh-CN)');

  await new WorkspacePage(pharmacy.page).language().selectOption('en');
  await assertAccessible(pharmacy.page, '[data-testid="review-queue"]', 'review queue (en)');
  await assertAccessible(pharmacy.page, '[data-testid="review-screen"]', 'review screen, returning (en)');
});
