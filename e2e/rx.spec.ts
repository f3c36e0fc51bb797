import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { verifyDocument } from '../electron/core/signing/signer';
import { openDatabase } from '../electron/core/store/database';
import { keyFileSource } from '../electron/core/store/keyring';
import { outboxTable } from '../electron/core/store/outbox';
import { withoutSignature } from '../shared/rx/document';
import { expect } from './support/expect';
import { launchApp } from './support/app';
import { PrescriptionsPanel, RxPage, SignInPage, WorkspacePage } from './support/pages';

const app = await launchApp();

/** Reads the store the running app writes (WAL: a second reader is fine). */
function withStore<T>(read: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(join(app.dataDir, 'caredesk.db'), keyFileSource(app.dataDir).loadOrCreateKey());
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** An adult patient with an in-person diagnosis in the category and no recorded allergy. */
function patientWith(category: string) {
  return withStore((db) =>
    db
      .prepare<[string], { id: string; name: string; name_initials: string; icd10: string }>(
        `SELECT p.id, p.name, p.name_initials, d.icd10 FROM patients p JOIN diagnoses d ON d.patient_id = p.id
          WHERE d.icd10 LIKE ? || '%' AND d.setting = 'in-person' AND p.birth_date < '2000-01-01'
            AND p.id NOT IN (SELECT patient_id FROM allergies)
            AND p.name NOT IN (SELECT name FROM patients GROUP BY name HAVING count(*) > 1)
          ORDER BY p.id LIMIT 1`,
      )
      .get(category)!,
  );
}

const workspace = new WorkspacePage(app.page);
const rx = new RxPage(app.page);

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

test('warfarin + aspirin: alerts inline, one overridden with a reason, signed with the password re-prompt, queued', async () => {
  const patient = patientWith('I48');
  await openPatient(patient);
  await rx.addDrug('hfl', 'warfarin');
  const before = await rx.checksSoFar();
  await rx.addDrug('aspirin', 'aspirin');
  await rx.checked(before);

  // Inline, next to the items they concern: the interaction needs a reason, the high-alert drug is noted.
  await expect(rx.item('warfarin').locator('.rx-alert[data-alert-code="INTERACTION"]')).toContainText('相互作用');
  await expect(rx.item('warfarin').locator('.rx-alert[data-alert-code="HIGH_ALERT"]')).toContainText('高警示');
  await rx.overrideWith('INTERACTION', '机械瓣膜置换术后，心内科会诊建议联用');

  await rx.sign('doctor-demo-2026');
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
