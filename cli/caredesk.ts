import { UsageError } from './args';

/**
 * `caredesk`: the headless entry point. Each command lives in its own module and is loaded only when
 * asked for, so `caredesk rx-check` does not open a database.
 */
type Command = { summary: string; run: (args: string[]) => Promise<number> };

const commands: Record<string, Command> = {
  start: {
    summary: 'run the workstation (Electron, or the loopback host where Electron is absent) with the demo server',
    run: async (args) => (await import('./start')).runStart(args),
  },
  'rx-check': {
    summary: 'check a prescription against the safety rules: rx-check FILE|- [--lang zh|en]; rx-check --coverage [--json] for the knowledge coverage',
    run: async (args) => (await import('./rxCheck')).runRxCheck(args),
  },
  server: {
    summary: 'run the hospital server: server [--port N] [--data-dir DIR | --database-url URL] [--seed N] [--init-admin]',
    run: async (args) => (await import('../server/cli')).runServerCommand(args),
  },
  sync: {
    summary: 'one round of sync: sync --server URL --data-dir DIR --user ACCOUNT [--password-file F] [--server-cert PEM] [--pin SHA256]',
    run: async (args) => (await import('./sync')).runSync(args),
  },
  audit: {
    summary: 'check the local audit chain: audit verify --data-dir DIR',
    run: async (args) => (await import('./audit')).runAudit(args),
  },
  face: {
    summary: 'compare the faces in two photos, as sign-in does: face compare A.jpg B.jpg; enroll from a registration photo: face enroll PHOTO --data-dir DIR --user ACCOUNT --admin ACCOUNT --consent VERSION',
    run: async (args) => (await import('./face')).runFace(args),
  },
  export: {
    summary: "a patient's signed history as a FHIR R4 Bundle: export fhir --data-dir DIR (--patient ID | --all --out DIR2)",
    run: async (args) => (await import('./exportFhir')).runExport(args),
  },
  seed: {
    summary: 'fill a local store with demo data: seed --data-dir DIR --patients N',
    run: async (args) => (await import('./seed')).runSeed(args),
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    const list = Object.entries(commands).map(([n, c]) => `  ${n.padEnd(10)} ${c.summary}`);
    process.stderr.write(`${name ? `unknown command: ${name}\n` : ''}usage: caredesk <command> [options]\n${list.join('\n')}\n`);
    return name ? 2 : 0;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`caredesk: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
