import type { Locator, Page } from '@playwright/test';

/** The pharmacist's review queue and screen (renderer/src/features/review). */
export class ReviewPage {
  constructor(readonly page: Page) {}
  readonly queue = () => this.page.getByTestId('review-queue');
  readonly item = (prescriptionId: string): Locator => this.queue().locator(`li.review-item[data-prescription-id="${prescriptionId}"]`);
  readonly claimButton = (prescriptionId: string) => this.item(prescriptionId).locator('button.review-claim');
  readonly screen = () => this.page.getByTestId('review-screen');
  readonly decision = () => this.page.getByTestId('review-decision');
  readonly history = () => this.screen().getByTestId('review-exchange');

  /** Waits for a queue read after `after` reads: the queue is a cache of an online call. */
  async loadedAfter(after: number) {
    await this.page.waitForFunction((n) => Number(document.querySelector('[data-testid="review-queue"]')?.getAttribute('data-loads')) > n, after);
  }

  async loads(): Promise<number> {
    return Number(await this.queue().getAttribute('data-loads'));
  }

  async claim(prescriptionId: string) {
    await this.claimButton(prescriptionId).click();
    await this.page.locator(`[data-testid="review-screen"][data-prescription-id="${prescriptionId}"][data-mine="true"]`).waitFor();
  }

  /** Return with the reasons ticked and a note, confirmed with the step-up password. */
  async returnWith(reasons: string[], note: string, password: string) {
    await this.decision().locator('input[name="decision"][value="return"]').check();
    for (const code of reasons) await this.decision().locator(`input[name="reason"][value="${code}"]`).check();
    await this.decision().locator('textarea[name="note"]').fill(note);
    await this.confirm(password);
  }

  async approve(password: string) {
    await this.decision().locator('input[name="decision"][value="approve"]').check();
    await this.confirm(password);
  }

  private async confirm(password: string) {
    await this.decision().locator('button.review-decide').click();
    await this.decision().locator('input[name="step-up-password"]').fill(password);
    await this.decision().locator('button.review-confirm').click();
  }
}

/** The physician's notice of returned prescriptions in the top bar. */
export class ReviewNotices {
  constructor(readonly page: Page) {}
  readonly notices = () => this.page.getByTestId('review-notices');
  readonly notice = (prescriptionId: string) => this.notices().locator(`li[data-prescription-id="${prescriptionId}"]`);
}
