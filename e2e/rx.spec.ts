import assert from 'node:assert/strict';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { verifyDocument } from '../electron/core/signing/signer';
import { openDatabase } from '../electron/core/store/database';
import { keyFileSource } from '../electron/core/store/keyring';
import { outboxTable } from '../electron/core/store/outbox';
import { withoutSignature } from '../shared/rx/document';
import { launchApp, type RunningApp } from './support/app';
import { PrescriptionsPanel, RxPage, SignInPage, WorkspacePage } from './support/pages';
import { setUpFile } from './support/world';

let app: RunningApp;
let workspace: WorkspacePage;
let rx: RxPage;
setUpFile(async () => {
  app = await launchApp();
  workspace = new WorkspacePage(app.page);
  rx = new RxPage(app.page);
});

/** Reads the store the running app writes (WAL: a second reader is fine). */
function withStore<T>(read: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(join(app.dataDir, 'caredesk.db'), keyFileSource(app.dataDir).loadOrCreateKey());
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/**
 * An adult patient with an in-person diagnosis in the category and no recorded allergy; `bornAfter`
 * (an ISO date) keeps the patient out of the elderly checks, for a test about something else.
 */
function patientWith(category: string, { bornAfter = '1900-01-01' }: { bornAfter?: string } = {}) {
  return withStore((db) =>
    db
      .prepare<[string, string], { id: string; name: string; name_initials: string; icd10: string }>(
        `SELECT p.id, p.name, p.name_initials, d.icd10 FROM patients p JOIN diagnoses d ON d.patient_id = p.id
          WHERE d.icd10 LIKE ? || '%' AND d.setting = 'in-person' AND p.birth_date < '2000-01-01' AND p.birth_date > ?
            AND p.id NOT IN (SELECT patient_id FROM allergies)
            AND p.name NOT IN (SELECT name FROM patients GROUP BY name HAVING count(*) > 1)
          ORDER BY p.id LIMIT 1`,
      )
      .get(category, bornAfter)!,
  );
}

async function openPatient(patient: { name: string; name_initials: string }) {
  await workspace.searchFor(patient.name_initials);
  await workspace.open(patient.name);
  await rx.newPrescription().click();
  await rx.draft().waitFor();
}

test('a physician signs in and opens a patient to prescribe', async () => {
  await new SignInPage(app.page).signIn('doctor', 'doctor-demo-2026');
  await expect(workspace.user()).toContainText('张伟');
});

test('a clean, ordinary prescription shows no alerts at all', async () => {
  const patient = patientWith('I10');
  await openPatient(patient);
  const before = await rx.checksSoFar();
  await rx.addDrug('aldp', 'amlodipine');
  await rx.checked(before);
  await expect(rx.item('amlodipine').getByTestId('quantity')).toContainText('28');
  assert.equal(await rx.alerts().count(), 0);
  await rx.workspace().locator('.rx-head button.secondary').click();
});

test('warfarin + aspirin: alerts inline, one overridden with a reason, signed with the password re-prompt and the patient told, queued', async () => {
  // Under 65: the elderly checks (Beers on starting warfarin) are not what this test is about.
  const patient = patientWith('I48', { bornAfter: '1962-01-01' });
  await openPatient(patient);
  await rx.addDrug('hfl', 'warfarin');
  const before = await rx.checksSoFar();
  await rx.addDrug('aspirin', 'aspirin');
  await rx.checked(before);

  // Inline, next to the items they concern: the interaction needs a reason, the high-alert drug is noted.
  await expect(rx.item('warfarin').locator('.rx-alert[data-alert-code="INTERACTION"]')).toContainText('相互作用');
  await expect(rx.item('warfarin').locator('.rx-alert[data-alert-code="HIGH_ALERT"]')).toContainText('高警示');
  await rx.overrideWith('INTERACTION', '机械瓣膜置换术后，心内科会诊建议联用');

  await rx.sign('doctor-demo-2026', { informed: ['warfarin'] });
  await expect(rx.signed().filter({ hasText: '华法林' })).toContainText('待发送');
  const prescriptionId = await rx.signed().first().getAttribute('data-prescription-id');
  assert.ok(prescriptionId);

  const submits = withStore((db) =>
    outboxTable(db).all().filter((e) => e.mutation.kind === 'prescription.submit' && e.mutation.payload.id === prescriptionId),
  );
  assert.equal(submits.length, 1, 'exactly one prescription.submit mutation for it');
  const mutation = submits[0]!.mutation;
  assert.equal(mutation.kind, 'prescription.submit');
  if (mutation.kind !== 'prescription.submit') return;
  assert.deepEqual(mutation.payload.items.map((i) => i.drugCode), ['warfarin', 'aspirin']);
  assert.deepEqual(mutation.payload.overrides?.map((o) => [o.code, o.reason]), [['INTERACTION', '机械瓣膜置换术后，心内科会诊建议联用']]);
  assert.ok(mutation.payload.signature, 'signed');
  assert.equal(verifyDocument(withoutSignature(mutation.payload), mutation.payload.signature), true, 'a valid SM2 signature over the payload');
});

test('back in the summary, the queued prescription is voided inline with a reason and its status changes', async () => {
  const prescriptionId = await rx.signed().first().getAttribute('data-prescription-id');
  assert.ok(prescriptionId);
  await rx.workspace().locator('.rx-head button.secondary').click();
  const panel = new PrescriptionsPanel(app.page);
  await expect(panel.row(prescriptionId)).toContainText('待发送');
  await panel.voidWith(prescriptionId, '患者已在线下门诊取药');
  await panel.inStatus(prescriptionId, 'void');
  await expect(panel.row(prescriptionId)).toContainText('已作废');
  await expect(panel.row(prescriptionId)).toContainText('患者已在线下门诊取药');
  const kinds = withStore((db) =>
    outboxTable(db).all().flatMap((e) =>
      (e.mutation.kind === 'prescription.submit' && e.mutation.payload.id === prescriptionId) ||
      (e.mutation.kind === 'prescription.void' && e.mutation.payload.prescriptionId === prescriptionId)
        ? [e.mutation.kind]
        : [],
    ),
  );
  assert.deepEqual(kinds, ['prescription.submit', 'prescription.void'], 'the void follows the unsent submit, in order');
});

test('a child under 6: online prescribing needs a guardian present, and the sign step shows what the checks used', async () => {
  // A clinic's own patient, as it would come from the hospital: the demo hospital has no children.
  withStore((db) => {
    db.prepare(
      `INSERT INTO patients (id, name, name_pinyin, name_pinyin_compact, name_initials, sex, birth_date, id_number_masked, phone, address, department, version)
       VALUES ('e2e-child', '王小宝', 'wang xiao bao', 'wangxiaobao', 'wxb', 'male', '2023-03-01', '110105********0011', '13900000000', '', 'cardiology', 1)`,
    ).run();
    db.prepare(
      `INSERT INTO diagnoses (id, patient_id, encounter_id, icd10, label, setting, diagnosed_on) VALUES ('e2e-child-dx', 'e2e-child', NULL, 'J06', '急性上呼吸道感染', 'in-person', '2026-11-01')`,
    ).run();
  });
  await openPatient({ name: '王小宝', name_initials: 'wxb' });
  const before = await rx.checksSoFar();
  await rx.addDrug('paracetamol', 'paracetamol');
  await rx.checked(before);
  await expect(rx.alert('GUARDIAN')).toContainText('监护人');

  const ticked = await rx.checksSoFar();
  await rx.workspace().getByLabel('监护人在场（6岁以下儿童）').check();
  await rx.workspace().getByLabel('体重 (kg)').fill('15');
  await rx.checked(ticked);
  assert.equal(await rx.alert('GUARDIAN').count(), 0, 'the block is lifted once a guardian is present');

  await rx.draft().locator('button.rx-sign').click();
  await expect(rx.signPanel().getByTestId('sign-checked-with')).toContainText('监护人在场（6岁以下儿童） · 15 kg');
});

test('a prescription the pharmacist returned is revised: a new version linked to it, with the reason, signed and queued', async () => {
  await rx.workspace().locator('.rx-head button.secondary').click();
  await openPatient(patientWith('I10')); // resumes the amlodipine draft of the clean prescription above
  await rx.item('amlodipine').waitFor();
  await rx.sign('doctor-demo-2026');
  await expect(rx.signed().filter({ hasText: '氨氯地平' })).toContainText('待发送');
  const returnedId = await rx.signed().first().getAttribute('data-prescription-id');
  assert.ok(returnedId);
  // What the feed brings once the server accepted it and a pharmacist returned it (status is the server's).
  withStore((db) => {
    const outbox = outboxTable(db);
    for (const e of outbox.all()) if (e.mutation.kind === 'prescription.submit' && e.mutation.payload.id === returnedId) outbox.settle(e.mutation.mutationId);
    db.prepare(`UPDATE prescriptions SET status = 'returned' WHERE id = ?`).run(returnedId);
  });

  await rx.workspace().locator('.rx-head button.secondary').click();
  const panel = new PrescriptionsPanel(app.page);
  await panel.inStatus(returnedId, 'returned');
  await panel.reviseWith(returnedId, '药师建议改为晨起顿服并减量');
  await expect(rx.draft()).toContainText('药师建议改为晨起顿服并减量');
  await rx.sign('doctor-demo-2026');
  await expect(rx.signed().filter({ hasText: '待发送' })).toContainText('氨氯地平');
  await expect(rx.signed().filter({ hasText: '已退回' })).toContainText('氨氯地平');

  const revisions = withStore((db) => outboxTable(db).all().flatMap((e) => (e.mutation.kind === 'prescription.submit' && e.mutation.payload.previousId === returnedId ? [e.mutation.payload] : [])));
  assert.equal(revisions.length, 1, 'one new version, linked to the returned one');
  assert.equal(revisions[0]!.reason, '药师建议改为晨起顿服并减量');
  assert.notEqual(revisions[0]!.id, returnedId);
});
