import type { Locator, Page } from 'playwright-core';

/**
 * The chart's outpatient records (features/emr): the template picker and the form in the records
 * panel; signed records under their visit on the timeline (or in the panel while their visit is not cached).
 */
export class EmrPanel {
  constructor(readonly page: Page) {}
  readonly panel = () => this.page.getByTestId('emr-records');
  readonly form = () => this.page.getByTestId('emr-form');
  readonly entries = () => this.page.getByTestId('patient-summary').getByTestId('emr-entry');
  readonly entry = (recordId: string) => this.page.getByTestId('patient-summary').locator(`[data-testid="emr-entry"][data-record-id="${recordId}"]`);
  /** The visit a record is shown under on the timeline. */
  readonly visitOf = (recordId: string) => this.page.getByTestId('encounters').locator('li.timeline-entry').filter({ has: this.entry(recordId) });
  readonly field = (linkId: string) => this.form().locator(`.emr-field[data-link-id="${linkId}"]`);
  readonly fieldError = (linkId: string) => this.field(linkId).locator('.field-error');

  async start(templateUrl: string) {
    await this.panel().locator('select[name="emr-template"]').selectOption(templateUrl);
    await this.panel().locator('button.emr-new-record').click();
    await this.form().waitFor();
  }

  /** Types or picks one answer, by the field's linkId, whatever its control (the ICD-10 picker: typed, then Enter picks the first match). */
  async answer(linkId: string, value: string) {
    const control = this.form().locator(`[name="${linkId}"]`);
    if ((await control.evaluate((el) => el.tagName)) === 'SELECT') await control.selectOption(value);
    else if ((await control.getAttribute('role')) === 'combobox') {
      await control.fill(value);
      await control.press('Enter');
      await this.field(linkId).locator(`.icd-picked li[data-code="${value}"]`).waitFor();
    } else await control.fill(value);
  }

  /** Signs with the password re-prompt (the test site allows password-only signing). */
  async sign(password: string) {
    await this.form().locator('input[name="step-up-password"]').fill(password);
    await this.form().locator('button[type="submit"]').last().click();
  }

  /** Opens a signed record and starts its amendment with `reason`. */
  async amend(entry: Locator, reason: string) {
    await this.open(entry);
    await entry.locator('button.emr-amend').click();
    await entry.locator('input[name="emr-amend-reason"]').fill(reason);
    await entry.locator('form button[type="submit"]').click();
    await this.form().waitFor();
  }

  async open(entry: Locator) {
    const toggle = entry.locator('button[aria-expanded]').first();
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  }
}
