import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openDatabase } from '../electron/core/store/database';
import { keyFileSource } from '../electron/core/store/keyring';
import { launchApp, type RunningApp } from './support/app';
import { EmrPanel } from './support/emrPages';
import { RxPage, SignInPage, WorkspacePage } from './support/pages';
import { PrintSheetPage, squeezed } from './support/printPages';
import { setUpFile } from './support/world';

/**
 * Issues 13, 11 and 12 on paper: a high-alert prescription is signed only once the physician
 * confirms the patient was told its risks; it prints with the leaflet (warning signs and all) on
 * the PDF Chromium makes; a signed outpatient record prints to PDF with its fields and signature
 * line; and each print is in the audit log with its patient.
 */
let app: RunningApp;
let workspace: WorkspacePage;
let rx: RxPage;
let print: PrintSheetPage;
setUpFile(async () => {
  app = await launchApp();
  workspace = new WorkspacePage(app.page);
  rx = new RxPage(app.page);
  print = new PrintSheetPage(app.page);
});

/** The shipped warfarin leaflet (resources/rx/leaflets), whose text the patient takes home. */
const leaflet = JSON.parse(readFileSync(join(import.meta.dirname, '../resources/rx/leaflets/warfarin.json'), 'utf8')) as { zh: { title: string; warningSigns: string[] } };

function withStore<T>(read: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(join(app.dataDir, 'caredesk.db'), keyFileSource(app.dataDir).loadOrCreateKey());
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const printAudit = (action: string, subject: string) =>
  withStore((db) => db.prepare<[string, string], { user_id: string; detail: string }>(`SELECT user_id, detail FROM audit_log WHERE action = ? AND subject = ?`).all(action, subject));

/**
 * An atrial-fibrillation patient under 65 (so warfarin meets no elderly rule) with no recorded
 * allergy and a unique name; I48 is on the chronic list, so four weeks need no stated reason.
 */
const patient = () =>
  withStore((db) =>
    db
      .prepare<[], { id: string; name: string; name_initials: string; record_number: string }>(
        `SELECT p.id, p.name, p.name_initials, p.record_number FROM patients p JOIN diagnoses d ON d.patient_id = p.id
          WHERE d.icd10 LIKE 'I48%' AND d.setting = 'in-person' AND p.birth_date BETWEEN '1962-01-01' AND '2000-01-01'
            AND p.id NOT IN (SELECT patient_id FROM allergies)
            AND p.name NOT IN (SELECT name FROM patients GROUP BY name HAVING count(*) > 1)
          ORDER BY p.id LIMIT 1`,
      )
      .get(),
  );

let prescriptionId = '';

test('warfarin cannot be signed until the physician confirms the patient was told, then it signs', async () => {
  const found = patient();
  assert.ok(found, 'the demo hospital has an adult AF patient under 65');
  await new SignInPage(app.page).signIn('doctor', 'doctor-demo-2026');
  await expect(workspace.user()).toContainText('张伟');
  await workspace.searchFor(found.name_initials);
  await workspace.open(found.name);
  await rx.newPrescription().click();
  await rx.draft().waitFor();
  const before = await rx.checksSoFar();
  await rx.addDrug('hfl', 'warfarin');
  await rx.checked(before);

  await rx.draft().locator('button.rx-sign').click();
  const inform = rx.signPanel().locator('[data-testid="inform-item"][data-drug-code="warfarin"]');
  await expect(inform.getByTestId('leaflet')).toContainText(leaflet.zh.title);
  await rx.signPanel().locator('input[name="step-up-password"]').fill('doctor-demo-2026');
  const confirm = rx.signPanel().locator('button[type="submit"]');
  await expect(confirm).toBeDisabled();

  await inform.getByTestId('inform-confirm').check();
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(rx.signed().filter({ hasText: '华法林' })).toContainText('待发送');
  prescriptionId = (await rx.signed().filter({ hasText: '华法林' }).first().getAttribute('data-prescription-id')) ?? '';
  assert.ok(prescriptionId);
});

test('the printed prescription shows the letterhead, patient, diagnosis, quantity, signature and the leaflet\'s warning signs', async () => {
  assert.equal(printAudit('prescription.print', `prescription:${prescriptionId}`).length, 0, 'nothing printed yet');
  await rx.signed().filter({ hasText: '华法林' }).locator('button.print-open').click();
  await expect(print.sheet()).toBeVisible();
  const found = patient()!;
  await expect(print.sheet().locator('.print-letterhead')).toContainText('处方笺');
  await expect(print.sheet().getByTestId('print-patient')).toContainText(found.record_number);
  await expect(print.sheet().getByTestId('print-diagnosis')).toContainText('I48');
  await expect(print.sheet().locator('.rx-sign-items')).toContainText(/华法林.*片|华法林[\s\S]*\d+\s*片/);
  await expect(print.signature()).toContainText('张伟');
  for (const sign of leaflet.zh.warningSigns) await expect(print.leaflets()).toContainText(sign);

  const text = await print.pdfText();
  assert.ok(text.includes(squeezed(leaflet.zh.title)), 'the leaflet is on the printed page');
  for (const sign of leaflet.zh.warningSigns) assert.ok(text.includes(squeezed(sign)), `the PDF carries the warning sign "${sign}"`);
  assert.ok(text.includes(found.record_number), 'the patient\'s record number');
  assert.ok(!text.includes('新建处方') && !text.includes(squeezed('退出登录')), 'only the sheet prints, not the workspace behind it');

  const entries = printAudit('prescription.print', `prescription:${prescriptionId}`);
  assert.equal(entries.length, 1, 'one audit entry for the print');
  assert.ok(entries[0]!.detail.includes(`patient:${found.id}`), 'naming the patient');
  assert.ok(entries[0]!.detail.includes('warfarin@'), 'and the leaflet given');
  await print.close().click();
  await expect(print.sheet()).toHaveCount(0);
});

test('a signed outpatient record prints to PDF with its fields and the signature line, audited', async () => {
  await rx.workspace().locator('.rx-head button.secondary').click();
  const withRecords = withStore((db) =>
    db
      .prepare<[], { name: string; name_initials: string }>(
        `SELECT name, name_initials FROM patients WHERE id IN (SELECT patient_id FROM emr_records)
            AND name NOT IN (SELECT name FROM patients GROUP BY name HAVING count(*) > 1) ORDER BY id LIMIT 1`,
      )
      .get(),
  );
  assert.ok(withRecords, 'the demo hospital has signed records of past visits');
  await workspace.searchFor(withRecords.name_initials);
  await workspace.open(withRecords.name);
  const records = new EmrPanel(app.page);
  const entry = records.entries().first();
  await entry.waitFor();
  const recordId = (await entry.getAttribute('data-record-id')) ?? '';
  await records.open(entry);
  const reading = entry.getByTestId('emr-reading');
  const firstField = await reading.locator('.emr-line').first().innerText();
  await entry.locator('button.print-open').click();
  await expect(print.sheet()).toBeVisible();
  await expect(print.sheet().locator('.print-letterhead')).toContainText('门诊病历');
  const signatureLine = await print.sheet().locator('.emr-signature').innerText();
  assert.match(signatureLine, /张伟|医师|签名/);

  const text = await print.pdfText();
  assert.ok(text.includes(squeezed(firstField)), `the PDF carries the record's field "${firstField}"`);
  assert.ok(text.includes(squeezed(signatureLine).replace(/…/g, '')) || text.includes(squeezed(signatureLine.split('·')[0]!)), 'and its signature line');
  assert.ok(text.includes('门诊病历'));
  assert.equal(printAudit('emr.record.print', `record:${recordId}`).length, 1, 'the print is audited');
  await print.close().click();
});
