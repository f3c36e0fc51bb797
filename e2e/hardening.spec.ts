import assert from 'node:assert/strict';
import { test } from '@playwright/test';
import { launchApp, type RunningApp } from './support/app';
import { setUpFile } from './support/world';

let app: RunningApp;
setUpFile(async () => {
  app = await launchApp({ patients: 20 });
});

type Watched = Window & { violations?: Set<string>; injected?: boolean };

/** Runs `attempt` in the app's page and returns the CSP directives the browser reports as violated. */
async function violationsOf(attempt: (arg: string) => unknown, arg = ''): Promise<string[]> {
  await app.page.evaluate(() => {
    const watched = window as Watched;
    if (!watched.violations) document.addEventListener('securitypolicyviolation', (event) => watched.violations?.add(event.effectiveDirective));
    watched.violations = new Set();
  });
  // Playwright runs the attempt in the page, where the page's own policy applies to what it does.
  await app.page.evaluate(attempt, arg).catch(() => {
    // A refused fetch rejects; the violation report is what the test reads.
  });
  await app.page.waitForFunction(() => ((window as Watched).violations?.size ?? 0) > 0, undefined, { timeout: 5000 });
  await app.page.waitForTimeout(200); // a second violation of the same attempt is reported just after the first
  return app.page.evaluate(() => [...((window as Watched).violations ?? [])].sort());
}

test('the page cannot open a connection to any origin but its own', async () => {
  const elsewhere = new URL('/api/events', app.url.replace('127.0.0.1', 'localhost')).href;
  assert.deepEqual(await violationsOf((url: string) => fetch(url), elsewhere), ['connect-src']);
});

test('an injected inline script never runs', async () => {
  const directives = await violationsOf(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
  });
  assert.deepEqual(directives, ['script-src-elem']);
  assert.equal(await app.page.evaluate(() => (window as Watched).injected === true), false);
});

test('plugin content and a rewritten base address are refused', async () => {
  const directives = await violationsOf(() => {
    const plugin = document.createElement('object');
    plugin.data = '/favicon.svg';
    document.body.append(plugin);
    const base = document.createElement('base');
    base.href = 'https://example.invalid/';
    document.head.append(base);
  });
  assert.deepEqual(directives, ['base-uri', 'object-src']);
});
