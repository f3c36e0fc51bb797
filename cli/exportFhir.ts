/**
 * `caredesk export fhir --data-dir DIR (--patient ID | --all --out DIR2)` (issue 11, "Headless
 * contract"): a patient's signed history as one FHIR R4 Bundle, JSON on stdout; with `--all`, one
 * file `<patient id>.json` per patient into DIR2. Bad arguments: one line on stderr, exit 2.
 * Each patient exported is audited on the store's chain as the device's own act.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../electron/core/core';
import { deviceIdentity } from '../electron/core/device/deviceIdentity';
import { fhirExporter } from '../electron/core/emr/fhirExport';
import { keyFileSource } from '../electron/core/store/keyring';
import { AppFailure } from '../shared/result';
import { UsageError, parseFlags } from './args';

const usage = 'usage: caredesk export fhir --data-dir DIR (--patient ID | --all --out DIR2)';

function fail(message: string): number {
  process.stderr.write(`export: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  return 2;
}

export async function runExport(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseFlags<'data-dir' | 'patient' | 'out', 'all'>>;
  try {
    parsed = parseFlags(args, { values: ['data-dir', 'patient', 'out'], booleans: ['all'] });
  } catch (error) {
    return fail(`${error instanceof UsageError ? error.message : String(error)}; ${usage}`);
  }
  const { values, booleans, rest } = parsed;
  if (rest.length !== 1 || rest[0] !== 'fhir') return fail(usage);
  const dataDir = values['data-dir'];
  if (!dataDir) return fail(`--data-dir is required; ${usage}`);
  if (values.patient !== undefined === Boolean(booleans.all)) return fail(`give either --patient ID or --all --out DIR2; ${usage}`);
  if (booleans.all && !values.out) return fail(`--all needs --out DIR2; ${usage}`);
  if (values.patient !== undefined && values.out !== undefined) return fail(`--out goes with --all; ${usage}`);
  // Never make a new, empty store while exporting from a mistyped directory.
  if (!existsSync(join(dataDir, 'caredesk.db')) || !existsSync(join(dataDir, 'store.key'))) return fail(`no workstation store in ${dataDir}`);

  const core = createCore({ dataDir, key: keyFileSource(dataDir).loadOrCreateKey(), log: () => {} });
  try {
    const exporter = fhirExporter(core.db);
    const actor = { userId: 'system', sessionId: null, deviceId: deviceIdentity(core.db).localId };
    if (values.patient !== undefined) {
      try {
        process.stdout.write(`${JSON.stringify(exporter.exportPatient(values.patient, actor), null, 1)}\n`);
      } catch (error) {
        if (error instanceof AppFailure && error.code === 'NOT_FOUND') return fail(error.message);
        throw error;
      }
      return 0;
    }
    const out = values.out!;
    mkdirSync(out, { recursive: true });
    let count = 0;
    for (const id of exporter.patientIds()) {
      writeFileSync(join(out, `${id}.json`), `${JSON.stringify(exporter.exportPatient(id, actor), null, 1)}\n`, { mode: 0o600 });
      count++;
    }
    process.stderr.write(`exported ${count} patients to ${out}\n`);
    return 0;
  } finally {
    await core.close();
  }
}
