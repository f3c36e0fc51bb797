// Runs the test files of one suite with Node's test runner (TypeScript through tsx).
// Node 20's --test takes no globs, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const suites = {
  unit: (file) => file.endsWith('.test.ts') && !file.startsWith('e2e/'),
  e2e: (file) => file.startsWith('e2e/') && file.endsWith('.spec.ts'),
};
const [suite = 'unit', ...filters] = process.argv.slice(2);
if (!(suite in suites)) {
  console.error(`unknown suite ${suite}; expected one of ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}

const skip = new Set(['node_modules', 'dist', 'release', '.git', '.tmp']);
function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield relative('.', path);
  }
}
const files = [...walk('.')]
  .filter(suites[suite])
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();
if (files.length === 0) {
  console.error(`no ${suite} test files matched`);
  process.exit(1);
}
const concurrency = suite === 'e2e' ? '1' : '2';
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
