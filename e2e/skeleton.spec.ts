import assert from 'node:assert/strict';
import { expect, test } from '@playwright/test';
import { createCore } from '../electron/core/core';
import { keyFileSource } from '../electron/core/store/keyring';
import { launchApp, type RunningApp } from './support/app';
import { SignInPage, WorkspacePage } from './support/pages';
import { setUpFile } from './support/world';

let app: RunningApp;
setUpFile(async () => {
  app = await launchApp();
});

/** A seeded patient to look for, read from the store the app is using. */
function aPatientWithAllergy() {
  const core = createCore({ dataDir: app.dataDir, key: keyFileSource(app.dataDir).loadOrCreateKey(), log: () => {} });
  try {
    return core.db
      .prepare<[], { name: string; name_initials: string; allergen: string }>(
        `SELECT p.name, p.name_initials, a.allergen FROM patients p JOIN allergies a ON a.patient_id = p.id
          ORDER BY p.id LIMIT 1`,
      )
      .get()!;
  } finally {
    void core.close();
  }
}

test('a wrong password is refused with a message in Chinese', async () => {
  const signIn = new SignInPage(app.page);
  await signIn.signIn('doctor', 'not-the-password');
  await expect(signIn.error()).toHaveText('账号或密码错误');
});

test('a physician signs in, finds a patient by pinyin initials and reads the summary', async () => {
  const patient = aPatientWithAllergy();
  const signIn = new SignInPage(app.page);
  await signIn.signIn('doctor', 'doctor-demo-2026');
  const workspace = new WorkspacePage(app.page);
  await expect(workspace.user()).toContainText('张伟');
  await workspace.searchFor(patient.name_initials);
  await workspace.open(patient.name);
  await expect(workspace.summary().getByTestId('allergies')).toContainText(patient.allergen);
  await expect(workspace.summary().getByTestId('diagnoses')).toContainText('线下面诊');
});

test('switching to English changes the UI at once and is remembered', async () => {
  const workspace = new WorkspacePage(app.page);
  await workspace.language().selectOption('en');
  await expect(workspace.summary().getByTestId('allergies').locator('h3')).toHaveText('Allergies');
  await expect(workspace.signOutButton()).toHaveText('Sign out');

  const again = await app.reopen();
  assert.equal(await again.locator('html').getAttribute('lang'), 'en');
  await expect(new SignInPage(again).form()).toContainText('Sign in');
});
