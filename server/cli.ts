import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildServer } from './app';
import { findAccountByName } from './auth/accounts';
import { createBootstrapCode } from './auth/bootstrap';
import { openDatabase } from './db/open';
import { seedDemoHospital } from './demo/seed';
import { caFromKeyFile, testCa, type HospitalCa } from './signing/ca';
import { faceKeyFromFile, testFaceTemplateKey, type FaceTemplateKey } from './face/templateKey';
import { HttpError } from './http/errors';
import { importFormulary } from './rx/formulary';
import { runAuditPurge } from './audit/retention';

const usage = `usage: caredesk server [--port N] [--host 127.0.0.1] [--data-dir DIR | --database-url URL]
                       [--seed N] [--init-admin] [--auto-approve-devices] [--tls-cert FILE --tls-key FILE]
                       (--ca-key FILE | --test-ca) [--face-template-key FILE]
  --data-dir      embedded PGlite database (default ~/.caredesk/server); for demos and single-clinic trials
  --database-url  PostgreSQL (also DATABASE_URL); for everything else
  --seed N        if the database is empty: demo accounts and N demo patients
  --init-admin    print a one-time code for POST /bootstrap/admin (creates the first admin)
  --auto-approve-devices  demo only, loopback only: approve devices as they register
  --ca-key FILE   the hospital CA's SM2 key, JSON { privateKey, publicKey } (also CAREDESK_CA_KEY_FILE)
  --test-ca       demos and tests only, loopback only: a CA generated and kept in the database
                  (and a generated face template key, unless --face-template-key is given)
  --face-template-key FILE  32 bytes as 64 hex characters: encrypts users' roaming face templates
                  at rest (also CAREDESK_FACE_TEMPLATE_KEY_FILE); without it (and without --test-ca)
                  templates do not roam and stay on the workstations that enrolled them
  plain HTTP is served on loopback only; any other --host needs --tls-cert and --tls-key

       caredesk server import-formulary FILE --as ADMIN [--data-dir DIR | --database-url URL]
  imports the hospital's formulary (resources/rx/README.md "Hospital formulary") as admin account
  ADMIN, then exits; workstations receive it at their next sync

       caredesk server purge-audit --as ADMIN [--data-dir DIR | --database-url URL]
  runs the audit retention purge now (the server also runs it daily): process records older than
  the hospital's retention lose their content; nothing clinical is touched. Recorded under ADMIN`;

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * `caredesk server`: runs the hospital server until SIGINT/SIGTERM. Resolves with the exit code.
 * Prints `caredesk server listening on URL` once it accepts connections (tests wait for it).
 */
export async function runServerCommand(args: string[]): Promise<number> {
  if (args[0] === 'import-formulary') return runImportFormulary(args.slice(1));
  if (args[0] === 'purge-audit') return runPurgeAudit(args.slice(1));
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' }, 'database-url': { type: 'string' },
        seed: { type: 'string' }, 'init-admin': { type: 'boolean' }, 'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' },
        'auto-approve-devices': { type: 'boolean' }, 'ca-key': { type: 'string' }, 'test-ca': { type: 'boolean' }, 'face-template-key': { type: 'string' }, help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    process.stderr.write(`caredesk server: ${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const fail = (message: string) => (process.stderr.write(`caredesk server: ${message}\n`), 2);
  const port = Number(values.port ?? 4780);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(`--port must be 0-65535, got ${JSON.stringify(values.port)}`);
  const seed = values.seed === undefined ? 0 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) return fail(`--seed must be a whole number, got ${JSON.stringify(values.seed)}`);
  const host = values.host ?? '127.0.0.1';
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) return fail('--tls-cert and --tls-key go together');
  const autoApproveDevices = values['auto-approve-devices'] ?? false;
  if (autoApproveDevices && !isLoopback(host)) return fail('--auto-approve-devices is for demos on loopback only');
  let tls: { cert: Buffer; key: Buffer } | undefined;
  if (values['tls-cert'] && values['tls-key']) {
    try {
      tls = { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']) };
    } catch (error) {
      return fail(`cannot read the TLS certificate or key: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (!tls && !isLoopback(host)) return fail(`refusing plain HTTP on ${host}: patient data must not cross a network unencrypted; give --tls-cert and --tls-key, or bind 127.0.0.1`);
  const caKeyFile = values['ca-key'] ?? process.env.CAREDESK_CA_KEY_FILE;
  if (caKeyFile && values['test-ca']) return fail('--ca-key and --test-ca exclude each other');
  if (!caKeyFile && !values['test-ca']) return fail('give --ca-key FILE (the hospital CA key that certifies signing keys), or --test-ca for a demo');
  if (values['test-ca'] && !isLoopback(host)) return fail('--test-ca is for demos and tests on loopback only');
  let ca: HospitalCa;
  try {
    ca = caKeyFile ? caFromKeyFile(caKeyFile) : testCa;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const faceKeyFile = values['face-template-key'] ?? process.env.CAREDESK_FACE_TEMPLATE_KEY_FILE;
  let faceTemplateKey: FaceTemplateKey | undefined;
  try {
    faceTemplateKey = faceKeyFile ? faceKeyFromFile(faceKeyFile) : values['test-ca'] ? testFaceTemplateKey : undefined;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const target = databaseTarget(values);
  if (!target) return fail('give --data-dir or --database-url, not both');

  const db = await openDatabase(target);
  if (db.kind === 'pglite') process.stderr.write('caredesk server: embedded PGlite database: for demos and single-clinic trials only (one connection, no fsync guarantee)\n');
  if (seed > 0 && (await seedDemoHospital(db, seed))) process.stdout.write(`caredesk server: seeded demo accounts and ${seed} patients\n`);
  if (values['init-admin']) {
    const code = await createBootstrapCode(db, new Date());
    process.stdout.write(code
      ? `caredesk server: one-time admin bootstrap code (24 h): ${code}\n  POST /bootstrap/admin { code, account, password, displayName, device: { name, publicKey } }\n`
      : 'caredesk server: an admin already exists; no bootstrap code issued\n');
  }
  const app = buildServer({ db, autoApproveDevices, ca, ...(faceTemplateKey ? { faceTemplateKey } : {}), logger: { level: process.env.CAREDESK_LOG_LEVEL ?? 'info' }, ...(tls ? { tls } : {}) });
  const address = await app.listen({ port, host });
  process.stdout.write(`caredesk server listening on ${address}\n`);
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void app.close().then(() => db.close()).then(() => resolve(0), () => resolve(1));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** --database-url (or DATABASE_URL), else --data-dir (default ~/.caredesk/server); null if both are given. */
function databaseTarget(values: { 'data-dir'?: string | undefined; 'database-url'?: string | undefined }): Parameters<typeof openDatabase>[0] | null {
  const url = values['database-url'] ?? process.env.DATABASE_URL;
  if (url && values['data-dir']) return null;
  return url ? { url } : { dataDir: values['data-dir'] ?? join(homedir(), '.caredesk', 'server') };
}

async function runPurgeAudit(args: string[]): Promise<number> {
  const fail = (message: string) => (process.stderr.write(`caredesk server purge-audit: ${message}\n`), 2);
  let parsed;
  try {
    parsed = parseArgs({ args, strict: true, options: { as: { type: 'string' }, 'data-dir': { type: 'string' }, 'database-url': { type: 'string' } } });
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
  if (!parsed.values.as) return fail('--as ADMIN names the admin account the purge is recorded under');
  const target = databaseTarget(parsed.values);
  if (!target) return fail('give --data-dir or --database-url, not both');
  const db = await openDatabase(target);
  try {
    const admin = await findAccountByName(db, parsed.values.as);
    if (!admin?.roles.includes('admin') || admin.suspended) return fail(`${parsed.values.as} is not an active admin account`);
    const report = await runAuditPurge(db, new Date(), { kind: 'cli', userId: admin.id });
    process.stdout.write(`caredesk server: audit retention purge ${report.purgeId}: ${report.purged} process entries older than ${report.cutoff} purged on ${report.anchors.length} devices\n`);
    return 0;
  } finally {
    await db.close();
  }
}

async function runImportFormulary(args: string[]): Promise<number> {
  const fail = (message: string) => (process.stderr.write(`caredesk server import-formulary: ${message}\n`), 2);
  let parsed;
  try {
    parsed = parseArgs({ args, strict: true, allowPositionals: true, options: { as: { type: 'string' }, 'data-dir': { type: 'string' }, 'database-url': { type: 'string' } } });
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
  const [path, ...extra] = parsed.positionals;
  if (!path || extra.length > 0) return fail('give exactly one formulary file');
  if (!parsed.values.as) return fail('--as ADMIN names the admin account the import is recorded under');
  const target = databaseTarget(parsed.values);
  if (!target) return fail('give --data-dir or --database-url, not both');
  let body: unknown;
  try {
    body = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    return fail(`cannot read ${path} as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const db = await openDatabase(target);
  try {
    const admin = await findAccountByName(db, parsed.values.as);
    if (!admin?.roles.includes('admin') || admin.suspended) return fail(`${parsed.values.as} is not an active admin account`);
    const summary = await importFormulary(db, body, admin.id, new Date());
    process.stdout.write(`caredesk server: hospital formulary: ${summary.changed.length} changed, ${summary.unchanged} unchanged; ${summary.listed} listed, ${summary.withdrawn} withdrawn in all\n`);
    return 0;
  } catch (error) {
    if (error instanceof HttpError) return fail(error.message);
    throw error;
  } finally {
    await db.close();
  }
}
