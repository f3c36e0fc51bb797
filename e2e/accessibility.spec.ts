import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createCore } from '../electron/core/core';
import { keyFileSource } from '../electron/core/store/keyring';
import { launchApp, type RunningApp } from './support/app';
import { RxPage, SignInPage, WorkspacePage } from './support/pages';
import { setUpFile } from './support/world';

let app: RunningApp;
let patient: { name: string; record_number: string };
setUpFile(async () => {
  app = await launchApp();
  patient = aChartPatient();
});

/** A hypertensive patient: allergies banner, problem list, trends and prescriptions all show. */
function aChartPatient() {
  const core = createCore({ dataDir: app.dataDir, key: keyFileSource(app.dataDir).loadOrCreateKey(), log: () => {} });
  try {
    return core.db
      .prepare<[], { name: string; record_number: string }>(
        `SELECT p.name, p.record_number FROM patients p JOIN diagnoses d ON d.patient_id = p.id
          WHERE d.icd10 = 'I10' AND (SELECT count(*) FROM encounters e WHERE e.patient_id = p.id) >= 2 ORDER BY p.id LIMIT 1`,
      )
      .get()!;
  } finally {
    void core.close();
  }
}

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
  await assertAccessible(app.page, '[data-testid="patient-summary"]', 'chart (zh-CN)');

  await workspace.language().selectOption('en');
  await expect(workspace.summary().getByTestId('diagnoses').locator('h3')).toHaveText('Problem list');
  await assertAccessible(app.page, '[data-testid="patient-summary"]', 'chart (en)');
  await workspace.language().selectOption('zh-CN');
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
