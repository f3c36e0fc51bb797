import type { Locator, Page } from '@playwright/test';

/** The admin's audit view (features/audit/AuditPanel.tsx). */
export class AuditViewPage {
  constructor(readonly page: Page) {}
  readonly panel = () => this.page.getByTestId('audit-panel');
  readonly rows = () => this.panel().locator('table.audit-events tbody tr');
  readonly row = (action: string) => this.panel().locator(`table.audit-events tbody tr[data-action="${action}"]`);
  readonly empty = () => this.panel().getByTestId('audit-empty');
  readonly exported = () => this.panel().getByTestId('audit-exported');

  /** Sets every filter (blank clears one) and searches. Times are `YYYY-MM-DDTHH:mm`, local. */
  async query(filters: { patientId?: string; userId?: string; deviceId?: string; action?: string; from?: string; to?: string }) {
    for (const field of ['patientId', 'userId', 'deviceId', 'action', 'from', 'to'] as const) {
      await this.panel().locator(`input[name="${field}"]`).fill(filters[field] ?? '');
    }
    await this.panel().locator('button[type="submit"]').click();
  }

  exportButton(): Locator {
    return this.panel().locator('.audit-filters button[type="button"]');
  }
}

/** "Who opened this chart" in a patient's chart (features/audit/PatientAccessHistory.tsx). */
export class AccessHistoryPage {
  constructor(readonly page: Page) {}
  readonly section = () => this.page.getByTestId('patient-access');
  readonly show = () => this.section().locator('button');
  readonly row = (action: string) => this.section().locator(`table.audit-events tbody tr[data-action="${action}"]`);
}

/** Signs the current user out (the top bar's last button; a physician's bar also has their face template's). */
export const signOut = (page: Page) => page.locator('.top-bar').getByRole('button', { name: '退出登录' }).click();
