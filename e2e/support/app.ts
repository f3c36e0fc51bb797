import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { build } from 'vite';
import { createCore, type CoreOptions } from '../../electron/core/core';
import { keyFileSource } from '../../electron/core/store/keyring';
import { seedLocalStore } from '../../electron/core/store/seed';
import { defaultRendererDir, startWorkstationHost } from '../../electron/host/startHost';
import { atFileEnd } from './world';

export const chromiumPath = process.env.CAREDESK_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for headless Chromium on a closed network (see the README's test section). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Chromium's camera, fed from a .y4m file (scripts/face-video.sh). The camera is fixed for a
 * browser's whole run, so a test that needs two people in front of the workstation opens a second
 * browser (`RunningApp.openBrowser`) on the same app.
 */
export const cameraArgs = (file: string) => [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  `--use-file-for-fake-video-capture=${file}`,
];

export interface RunningApp {
  page: Page;
  context: BrowserContext;
  url: string;
  dataDir: string;
  /** Opens the app again in a new tab, as a person reopening the workstation would. */
  reopen(): Promise<Page>;
  /** The same workstation in another browser, its camera showing `camera` (a .y4m file). */
  openBrowser(options: { camera: string }): Promise<Page>;
}

/**
 * The real workstation for one test file: the core in its worker, the built renderer over the
 * loopback host, in Debian's Chromium. Without a hospital server its fresh encrypted store is
 * seeded with the demo hospital; with one (`sync`), it starts empty and gets everything by sync.
 */
export async function launchApp(
  options: {
    patients?: number;
    sync?: CoreOptions['sync'];
    /** Default: a site allowing password-only signing, so specs of other features sign in by password; face specs pass `{}`. */
    facePolicy?: CoreOptions['facePolicy'];
    /** The first browser's camera: a .y4m file (scripts/face-video.sh). */
    camera?: string;
  } = {},
): Promise<RunningApp> {
  if (!existsSync(join(defaultRendererDir, 'host.html'))) await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
  const dataDir = mkdtempSync(join(tmpdir(), 'caredesk-e2e-'));
  atFileEnd(() => rmSync(dataDir, { recursive: true, force: true }));
  if (!options.sync) {
    const core = createCore({ dataDir, key: keyFileSource(dataDir).loadOrCreateKey(), log: () => {} });
    await seedLocalStore(core.db, options.patients ?? 300, { seed: 11, today: '2026-11-25' });
    await core.close();
  }

  const host = await startWorkstationHost({ dataDir, facePolicy: options.facePolicy ?? { passwordOnlySigning: true }, ...(options.sync ? { sync: options.sync } : {}) });
  const browsers: Browser[] = [];
  atFileEnd(async () => {
    for (const browser of browsers) await browser.close();
    await host.close();
  });
  const newContext = async (camera: string | undefined) => {
    const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, ...(camera ? cameraArgs(camera) : [])] });
    browsers.push(browser);
    return browser.newContext({ viewport: { width: 1280, height: 800 } });
  };
  // The app's own origin first: navigator.mediaDevices is missing on about:blank.
  const open = async (inContext: BrowserContext) => {
    const page = await inContext.newPage();
    await page.goto(host.url);
    await page.locator('body[data-ready="true"]').waitFor();
    return page;
  };
  const context = await newContext(options.camera);
  return {
    page: await open(context),
    context,
    url: host.url,
    dataDir,
    reopen: () => open(context),
    openBrowser: async ({ camera }) => open(await newContext(camera)),
  };
}
