import type { Locator } from 'playwright-core';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Web-first assertions on playwright-core (which ships without @playwright/test's expect): each one
 * waits for the page to reach the state through Playwright's own auto-waiting, never a sleep, and
 * fails with the text it last saw.
 */
export function expect(locator: Locator, timeout = 10_000) {
  const reach = async (filtered: Locator, wanted: string) => {
    try {
      await filtered.first().waitFor({ timeout });
    } catch {
      const seen = await locator.first().textContent({ timeout: 1000 }).catch(() => '(no element)');
      throw new Error(`expected ${wanted}, but the element shows ${JSON.stringify(seen)}`);
    }
  };
  return {
    toHaveText: (text: string) => reach(locator.filter({ hasText: new RegExp(`^\\s*${escape(text)}\\s*$`) }), `text ${JSON.stringify(text)}`),
    toContainText: (text: string) => reach(locator.filter({ hasText: text }), `text containing ${JSON.stringify(text)}`),
  };
}
