import type { Locator, Page } from 'playwright-core';

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
  readonly search = () => this.page.getByRole('searchbox');
  readonly results = () => this.page.locator('.patient-row');
  readonly summary = () => this.page.getByTestId('patient-summary');
  readonly language = () => this.page.locator('select.language-switch');
  readonly signOutButton = () => this.page.locator('.top-bar button.secondary');

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
