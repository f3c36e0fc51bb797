// Runs the hospital server without the workstation CLI: `tsx server/main.ts [flags]` (tests spawn it).
import { runServerCommand } from './cli';

runServerCommand(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`caredesk server: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
