import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { demoUsers } from '../shared/demo/users';
import { defaultRendererDir, startWorkstationHost } from '../electron/host/startHost';
import { parseFlags, positiveInt } from './args';
import { startEmbeddedHospital } from './embeddedHospital';

/**
 * `caredesk start`: the demo hospital server (embedded PGlite, demo data) and a workstation that
 * syncs with it. With the Electron binary installed it opens the desktop window; without it (as
 * on CI machines) it serves the same renderer and services on 127.0.0.1 and prints the address.
 */
export async function runStart(args: string[]): Promise<number> {
  const { values, booleans } = parseFlags(args, { values: ['data-dir', 'port', 'patients'], booleans: ['browser'] });
  const root = resolve(values['data-dir'] ?? '.caredesk');
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say('Starting the demo hospital server…');
  const hospital = await startEmbeddedHospital(join(root, 'server'), positiveInt('patients', values.patients, 2000), say);
  const dataDir = join(root, 'workstation');

  try {
    const electronBinary = findElectronBinary();
    if (electronBinary && !booleans.browser) return await runElectron(electronBinary, dataDir, hospital.url);

    if (!existsSync(resolve(defaultRendererDir, 'host.html'))) await buildRenderer();
    const host = await startWorkstationHost({ dataDir, port: positiveInt('port', values.port, 0), sync: { serverUrl: hospital.url } });
    if (!electronBinary) say('The Electron binary is not installed here: serving CareDesk in the loopback host instead.');
    say(`Open ${host.url}`);
    say(`Demo accounts: ${demoUsers.map((u) => `${u.account} / ${u.password}`).join(', ')}`);
    say('Press Ctrl+C to stop.');
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    await host.close();
    return 0;
  } finally {
    await hospital.close();
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

async function runElectron(binary: string, dataDir: string, serverUrl: string): Promise<number> {
  await buildRenderer();
  const { buildMain } = await import('../scripts/build-electron');
  await buildMain();
  const child = spawn(binary, [resolve('dist/electron/main.cjs')], {
    stdio: 'inherit',
    env: { ...process.env, CAREDESK_DATA_DIR: dataDir, CAREDESK_SERVER_URL: serverUrl },
  });
  return new Promise((done) => child.on('exit', (code) => done(code ?? 0)));
}

async function buildRenderer() {
  const { build } = await import('vite');
  await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn' });
}
