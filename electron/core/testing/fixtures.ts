import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { createCore, type Core, type CoreOptions } from '../core';
import { seedLocalStore } from '../store/seed';

/** A fresh data directory for one test, removed when the test file ends. */
export function freshDataDir(label = 'caredesk'): string {
  const dir = mkdtempSync(join(tmpdir(), `${label}-`));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A real core on a real encrypted store, seeded with the demo hospital. Its site allows
 * password-only signing (a FacePolicy setting, off in the product), so tests of other features
 * sign in and sign by password; face tests pass `facePolicy: {}` for the product's defaults.
 */
export async function seededCore(patients = 200, options: Partial<CoreOptions> = {}): Promise<Core & { dataDir: string; key: Buffer }> {
  const dataDir = options.dataDir ?? freshDataDir();
  const key = options.key ?? randomBytes(32);
  const core = createCore({ dataDir, key, log: () => {}, facePolicy: { passwordOnlySigning: true }, ...options });
  after(() => core.close());
  await seedLocalStore(core.db, patients, { seed: 7, today: '2026-11-25' });
  return { ...core, dataDir, key };
}

export const doctor = { account: 'doctor', password: 'doctor-demo-2026' };
export const pharmacist = { account: 'pharmacist', password: 'pharmacist-demo-2026' };
export const admin = { account: 'admin', password: 'admin-demo-2026' };
