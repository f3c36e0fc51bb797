// Runs the test suites and ends with one plain summary line over all of them.
//   unit: Node's test runner (TypeScript through tsx); Node 20's --test takes no globs, so the
//         files are listed here.
//   e2e:  Playwright's runner (playwright.config.ts): traces of failed tests and an HTML report
//         under test-results/.
//   node scripts/run-tests.mjs unit e2e          every suite named
//   node scripts/run-tests.mjs unit -- store     only files whose path contains "store"
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const suites = {
  unit: { run: runNodeTests, matches: (file) => file.endsWith('.test.ts') && !file.startsWith('e2e/') },
  e2e: { run: runPlaywright, matches: (file) => file.startsWith('e2e/') && file.endsWith('.spec.ts') },
};

const args = process.argv.slice(2);
const split = args.indexOf('--');
const named = split === -1 ? args : args.slice(0, split);
const filters = split === -1 ? [] : args.slice(split + 1);
const unknown = named.filter((name) => !(name in suites));
if (named.length === 0 || unknown.length > 0) {
  console.error(`usage: run-tests.mjs SUITE… [-- PATH-FILTER…]; suites: ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}

// Every test process fails on an unhandled rejection, in its own thread or a worker's.
const failOnUnhandled = new URL('./fail-on-unhandled.mjs', import.meta.url).href;

const skip = new Set(['node_modules', 'dist', 'release', '.git', '.tmp', '.caredesk']);
function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield relative('.', path);
  }
}
const allFiles = [...walk('.')].sort();

function run(suite) {
  const files = allFiles
    .filter(suites[suite].matches)
    .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)));
  if (files.length === 0) return Promise.resolve({ passed: 0, failed: 0, code: 0 });
  return suites[suite].run(files);
}

/** Playwright's runner over the spec files, counted from its JSON report. */
function runPlaywright(files) {
  const results = 'test-results/e2e-results.json';
  rmSync(results, { force: true });
  const child = spawn(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', ...files], { stdio: 'inherit' });
  return new Promise((resolve) =>
    child.on('close', (code) => {
      let stats = { expected: 0, unexpected: 0, flaky: 0 };
      try {
        stats = JSON.parse(readFileSync(results, 'utf8')).stats;
      } catch {
        console.error(`no Playwright report at ${results}`);
      }
      // A flaky test passed only on a retry: counted as failed, there are no retries here anyway.
      resolve({ passed: stats.expected, failed: stats.unexpected + stats.flaky, code: code ?? 1 });
    }),
  );
}

/** Node's test runner, two files at a time. */
function runNodeTests(files) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', failOnUnhandled, '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    output += chunk;
  });
  return new Promise((resolve) =>
    child.on('close', (code) => {
      const count = (label) => Number(new RegExp(`ℹ ${label} (\\d+)`).exec(output)?.[1] ?? 0);
      resolve({ passed: count('pass'), failed: count('fail') + count('cancelled'), code: code ?? 1 });
    }),
  );
}

let passed = 0;
let failed = 0;
let exitCode = 0;
for (const suite of named) {
  const result = await run(suite);
  passed += result.passed;
  failed += result.failed;
  if (result.code !== 0) exitCode = 1;
}
if (passed + failed === 0) {
  console.error('no test files matched');
  exitCode = 1;
}
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(exitCode);
