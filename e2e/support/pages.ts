import type { Locator, Page } from '@playwright/test';

/** Page objects: tests say what a person does, these say where it is on screen. */
export class SignInPage {
  constructor(readonly page: Page) {}
  readonly form = () => this.page.locator('form.sign-in-card');
  readonly error = () => this.page.getByRole('alert');

  async signIn(account: string, password: string) {
    await this.page.locator('input[name="account"]').fill(account);
    await this.page.locator('input[name="password"]').fill(password);
    await this.page.locator('form.sign-in-card button[type="submit"]').click();
  }
}

export class WorkspacePage {
  constructor(readonly page: Page) {}
  readonly user = () => this.page.getByTestId('signed-in-user');
  readonly search = () => this.page.locator('.patient-search input[type="search"]');
  readonly results = () => this.page.locator('.patient-row');
  readonly summary = () => this.page.getByTestId('patient-summary');
  readonly language = () => this.page.locator('select.language-switch');
  readonly signOutButton = () => this.page.getByTestId('sign-out');

  result(name: string): Locator {
    return this.results().filter({ has: this.page.locator('.patient-name', { hasText: name }) }).first();
  }

  async searchFor(text: string) {
    await this.search().fill(text);
  }

  async open(name: string) {
    await this.result(name).click();
    await this.summary().locator('h2', { hasText: name }).waitFor();
  }
}

/** The prescribing screen (features/rx): drafts, inline alerts, the sign step, the signed list. */
export class RxPage {
  constructor(readonly page: Page) {}
  readonly workspace = () => this.page.getByTestId('rx-workspace');
  readonly newPrescription = () => this.page.locator('button.new-prescription');
  readonly draft = (n = 0) => this.page.getByTestId('rx-draft').nth(n);
  readonly item = (drugCode: string) => this.page.locator(`.rx-item[data-drug="${drugCode}"]`);
  readonly alerts = () => this.workspace().locator('.rx-alert');
  readonly alert = (code: string) => this.workspace().locator(`.rx-alert[data-alert-code="${code}"]`);
  readonly signPanel = () => this.page.getByTestId('sign-panel');
  readonly signed = () => this.page.getByTestId('rx-signed').locator('li');

  async addDrug(search: string, drugCode: string, draft = 0) {
    await this.draft(draft).locator('input[name="drug-search"]').fill(search);
    await this.draft(draft).locator(`.rx-hit[data-drug-code="${drugCode}"]`).click();
  }

  /** Waits until main has checked what is on screen (the store counts check results). */
  async checked(after: number) {
    await this.page.waitForFunction((n) => {
      const el = document.querySelector('[data-testid="rx-workspace"]');
      return el !== null && Number(el.getAttribute('data-checks')) > n && el.getAttribute('data-saving') === 'false';
    }, after);
  }

  async checksSoFar(): Promise<number> {
    return Number(await this.workspace().getAttribute('data-checks'));
  }

  async overrideWith(code: string, reason: string) {
    await this.alert(code).locator('input').first().fill(reason);
  }

  /** Signs with the password; `informed` ticks the patient-told confirmation of those high-alert drugs. */
  async sign(password: string, { draft = 0, informed = [] }: { draft?: number; informed?: string[] } = {}) {
    await this.draft(draft).locator('button.rx-sign').click();
    for (const drugCode of informed) await this.signPanel().locator(`[data-testid="inform-item"][data-drug-code="${drugCode}"] [data-testid="inform-confirm"]`).check();
    await this.signPanel().locator('input[name="step-up-password"]').fill(password);
    await this.signPanel().locator('button[type="submit"]').click();
  }
}

/** The patient summary's prescriptions (features/rx/PatientPrescriptions): statuses, void and revise inline. */
export class PrescriptionsPanel {
  constructor(readonly page: Page) {}
  readonly panel = () => this.page.getByTestId('prescriptions');
  readonly row = (prescriptionId: string) => this.panel().locator(`li[data-prescription-id="${prescriptionId}"]`);
  /** Waits until main reports the prescription in that display status (shared/rx/lifecycle.ts). */
  readonly inStatus = (prescriptionId: string, status: string) =>
    this.panel().locator(`li[data-prescription-id="${prescriptionId}"][data-status="${status}"]`).waitFor();

  async voidWith(prescriptionId: string, reason: string) {
    await this.row(prescriptionId).locator('button.rx-void').click();
    const form = this.row(prescriptionId).locator('form.rx-row-action[data-action="void"]');
    await form.locator('input[name="reason"]').fill(reason);
    await form.locator('button[type="submit"]').click();
  }

  async reviseWith(prescriptionId: string, reason: string) {
    await this.row(prescriptionId).locator('button.rx-revise').click();
    const form = this.row(prescriptionId).locator('form.rx-row-action[data-action="revise"]');
    await form.locator('input[name="reason"]').fill(reason);
    await form.locator('button[type="submit"]').click();
  }
}

/** The workstation admin's screen (features/admin): the device panel and the stranded outbox. */
export class AdminPage {
  constructor(readonly page: Page) {}
  readonly screen = () => this.page.getByTestId('admin-screen');
  readonly device = () => this.page.getByTestId('admin-device');
  readonly link = () => this.page.getByTestId('admin-link');
  readonly counts = () => this.page.getByTestId('admin-counts');
  readonly items = () => this.page.getByTestId('admin-outbox').locator('tbody tr');
  readonly item = (state: 'held' | 'quarantined') => this.page.locator(`[data-testid="admin-outbox"] tr[data-state="${state}"]`);
  readonly releaseButton = () => this.page.locator('button.admin-release');
  readonly exportButton = () => this.page.locator('button.admin-export');
  readonly done = () => this.page.getByTestId('admin-done');
}

/** The admin console's panels (features/admin/console), shown when a hospital server is configured. */
export class AdminConsolePage {
  constructor(readonly page: Page) {}
  readonly accounts = () => this.page.getByTestId('console-accounts');
  readonly account = (name: string) => this.accounts().locator(`tr[data-account="${name}"]`);
  readonly accountsDone = () => this.page.getByTestId('console-accounts-done');
  readonly accountsError = () => this.accounts().getByRole('alert');
  readonly settings = () => this.page.getByTestId('console-settings');
  readonly settingsSaved = () => this.page.getByTestId('console-settings-saved');
  readonly policyScope = () => this.page.getByTestId('face-policy-scope');

  async createAccount(fields: { account: string; displayName: string; password: string; department: string; licenceNo: string; role: 'physician' | 'pharmacist' }) {
    const form = this.page.getByTestId('console-account-create');
    for (const name of ['account', 'displayName', 'password', 'department', 'licenceNo'] as const) await form.locator(`input[name="${name}"]`).fill(fields[name]);
    for (const role of ['physician', 'pharmacist', 'admin'] as const) await form.locator(`input[name="role-${role}"]`).setChecked(role === fields.role);
    await form.locator('button.account-create-submit').click();
  }
}

/** The face step (features/face/FaceStep): sign-in, unlock, step-up and enrollment share it. */
export class FaceStepPage {
  constructor(readonly page: Page) {}
  readonly step = () => this.page.getByTestId('face-step');
  readonly refused = () => this.page.getByTestId('face-refused');
  readonly noCamera = () => this.page.getByTestId('face-no-camera');
  /**
   * Waits for main's verdict on the face step shown: 'session' when a session opened or unlocked,
   * else main's refusal reason (or error code), so a failing test says what main decided.
   */
  async verdict(timeout: number): Promise<string> {
    const settled = this.page.locator('[data-testid="signed-in-user"], [data-testid="face-step"][data-phase="refused"], [data-testid="face-step"][data-phase="failed"]');
    await settled.first().waitFor({ timeout });
    if ((await this.page.getByTestId('signed-in-user').count()) > 0) return 'session';
    return (await this.step().getAttribute('data-reason')) ?? '';
  }
}

/** After the password: the read-only offer (no template or no camera here). */
export class ReadOnlyPage {
  constructor(readonly page: Page) {}
  readonly offer = () => this.page.getByTestId('read-only-offer');
  readonly banner = () => this.page.getByTestId('read-only-banner');
  async open() {
    await this.page.locator('button.open-read-only').click();
  }
}

export class LockScreenPage {
  constructor(readonly page: Page) {}
  readonly screen = () => this.page.getByTestId('lock-screen');
  readonly otherUser = () => this.page.locator('button.other-user');
}

/** The admin's face enrollment and face policy panels (features/admin). */
export class FaceAdminPage {
  constructor(readonly page: Page) {}
  readonly enrollment = () => this.page.getByTestId('face-enrollment');
  readonly consentText = () => this.page.getByTestId('consent-text');
  readonly done = () => this.page.getByTestId('enroll-done');
  readonly policy = () => this.page.getByTestId('face-policy');
  readonly policySaved = () => this.page.getByTestId('face-policy-saved');

  async chooseUser(account: string) {
    const select = this.enrollment().locator('select[name="enroll-user"]');
    const value = await select.locator('option', { hasText: `(${account})` }).getAttribute('value');
    await select.selectOption(value ?? '');
  }
  readonly consent = () => this.enrollment().locator('input[name="enroll-consent"]');
  readonly start = () => this.enrollment().locator('button.enroll-start');

  async setPolicy(fields: { liveness?: 'challenge' | 'passive'; idleLockMs?: number }) {
    if (fields.liveness) await this.policy().locator('select[name="liveness"]').selectOption(fields.liveness);
    if (fields.idleLockMs) await this.policy().locator('input[name="idleLockMs"]').fill(String(fields.idleLockMs / 60_000));
    await this.policy().locator('button.face-policy-save').click();
  }
}
