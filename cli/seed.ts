import { createCore } from '../electron/core/core';
import { keyFileSource } from '../electron/core/store/keyring';
import { seedLocalStore } from '../electron/core/store/seed';
import { parseFlags, positiveInt } from './args';

/** `caredesk seed --data-dir DIR --patients N`: demo accounts and N demo patients in a local store. */
export async function runSeed(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { values: ['data-dir', 'patients', 'seed'] });
  const dataDir = values['data-dir'] ?? '.caredesk/workstation';
  const patients = positiveInt('patients', values.patients, 1000);
  const core = createCore({ dataDir, key: keyFileSource(dataDir).loadOrCreateKey() });
  try {
    const started = performance.now();
    await seedLocalStore(core.db, patients, { seed: positiveInt('seed', values.seed, 20261125) });
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`seeded ${patients} patients into ${dataDir} in ${seconds.toFixed(1)} s\n`);
    return 0;
  } finally {
    await core.close();
  }
}
