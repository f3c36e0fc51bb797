/**
 * `caredesk rx-check FILE|- [--lang zh|en]`: the headless contract of issue 4. Prints
 * `{"alerts":[...]}` and exits 0; bad input prints ONE line on stderr, nothing on stdout, exit 2.
 * `caredesk rx-check --coverage [--json]`: the share of formulary drugs with data per dimension.
 */
import { readFileSync } from 'node:fs';
import { checkPrescription, parseRxCheckJson, type Lang } from '../shared/rx';
import { knowledgeCoverage, type CoverageRow } from '../shared/rx/coverage';
import { loadRxKnowledge } from '../electron/core/rx/loadKnowledge';
import { parseFlags } from './args';

const usage = 'usage: caredesk rx-check FILE|- [--lang zh|en] | rx-check --coverage [--json]';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function fail(message: string): number {
  process.stderr.write(`rx-check: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  return 2;
}

/** One line per dimension: "pediatric  352/392  89.8%", or "0, not loaded" without the field. */
export function formatCoverage(rows: readonly CoverageRow[]): string {
  const width = Math.max(...rows.map((r) => r.id.length));
  return rows
    .map((r) => `${r.id.padEnd(width)}  ${r.loaded ? `${String(r.covered).padStart(4)}/${r.total}  ${r.pct.toFixed(1)}%` : '0, not loaded'}`)
    .join('\n');
}

export async function runRxCheck(args: string[]): Promise<number> {
  let lang: Lang;
  let source: string;
  try {
    const { values, booleans, rest } = parseFlags(args, { values: ['lang'], booleans: ['coverage', 'json'] });
    if (booleans.coverage) {
      if (rest.length > 0 || values.lang !== undefined) return fail(usage);
      const rows = knowledgeCoverage(loadRxKnowledge());
      process.stdout.write(`${booleans.json ? JSON.stringify({ coverage: rows }) : formatCoverage(rows)}\n`);
      return 0;
    }
    if (booleans.json) return fail(`--json goes with --coverage; ${usage}`);
    const requested = values.lang ?? 'zh';
    if (requested !== 'zh' && requested !== 'en') return fail(`--lang must be zh or en, got ${JSON.stringify(requested)}`);
    lang = requested;
    if (rest.length !== 1) return fail(usage);
    source = rest[0]!;
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}; ${usage}`);
  }

  let text: string;
  try {
    text = source === '-' ? await readStdin() : readFileSync(source, 'utf8');
  } catch (error) {
    return fail(`cannot read ${source}: ${error instanceof Error ? error.message : String(error)}`);
  }

  // Knowledge that fails to load is our defect, not the caller's input: let it surface as exit 1.
  const knowledge = loadRxKnowledge();
  const parsed = parseRxCheckJson(text, knowledge);
  if (!parsed.ok) return fail(parsed.error);
  const { alerts } = checkPrescription(parsed.value, knowledge, { lang });
  // The contract's fields only; the engine's `key` is for the UI's override bookkeeping.
  const output = { alerts: alerts.map(({ code, severity, items, message, source: src }) => ({ code, severity, items, message, source: src })) };
  process.stdout.write(`${JSON.stringify(output)}\n`);
  return 0;
}
