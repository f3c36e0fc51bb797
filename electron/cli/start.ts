import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { demoUsers } from '../../server/demo/users';
import { createCore } from '../core/core';
import { keyFileSource } from '../core/store/keyring';
import { seedLocalStore } from '../core/store/seed';
import { defaultRendererDir, startWorkstationHost } from '../host/startHost';
import { parseFlags, positiveInt } from './args';

/**
 * `caredesk start`: the workstation with demo data. With the Electron binary installed it opens the
 * desktop window; without it (as on CI machines) it serves the same renderer and services on
 * 127.0.0.1 and prints the address to open.
 */
export async function runStart(args: string[]): Promise<number> {
  const { values, booleans } = parseFlags(args, { values: ['data-dir', 'port', 'patients'], booleans: ['browser'] });
  const dataDir = resolve(values['data-dir'] ?? '.caredesk/workstation');
  await ensureDemoData(dataDir, positiveInt('patients', values.patients, 2000));

  const electronBinary = findElectronBinary();
  if (electronBinary && !booleans.browser) return runElectron(electronBinary, dataDir);

  if (!existsSync(resolve(defaultRendererDir, 'host.html'))) await buildRenderer();
  const host = await startWorkstationHost({ dataDir, port: positiveInt('port', values.port, 0) });
  process.stdout.write(
    [
      electronBinary ? '' : 'The Electron binary is not installed here: serving CareDesk in the loopback host instead.',
      `Open ${host.url}`,
      `Demo accounts: ${demoUsers.map((u) => `${u.account} / ${u.password}`).join(', ')}`,
      'Press Ctrl+C to stop.',
      '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await host.close();
  return 0;
}

async function ensureDemoData(dataDir: string, patients: number) {
  const core = createCore({ dataDir, key: keyFileSource(dataDir).loadOrCreateKey() });
  try {
    const { n } = core.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users').get() ?? { n: 0 };
    if (n === 0) {
      process.stdout.write(`Creating demo data (${patients} patients) in ${dataDir}…\n`);
      await seedLocalStore(core.db, patients);
    }
  } finally {
    core.close();
  }
}

/** The path of the Electron binary when the npm package downloaded it, else null. */
function findElectronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

async function runElectron(binary: string, dataDir: string): Promise<number> {
  await buildRenderer();
  const { buildMain } = await import('../../scripts/build-electron');
  await buildMain();
  const child = spawn(binary, [resolve('dist/electron/main.cjs')], {
    stdio: 'inherit',
    env: { ...process.env, CAREDESK_DATA_DIR: dataDir },
  });
  return new Promise((done) => child.on('exit', (code) => done(code ?? 0)));
}

async function buildRenderer() {
  const { build } = await import('vite');
  await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn' });
}
