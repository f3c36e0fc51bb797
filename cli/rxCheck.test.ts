/** `caredesk rx-check`: stdout JSON and exit 0, or one stderr line, empty stdout and exit 2. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { issueSample } from '../electron/core/rx/testInput';

const runner = `import('./cli/rxCheck.ts').then((m) => m.runRxCheck(process.argv.slice(1))).then((code) => { process.exitCode = code; });`;

function rxCheck(args: string[], stdin = ''): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', runner, '--', ...args], { input: stdin, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('caredesk rx-check', () => {
  test('the issue sample from stdin: {"alerts":[]} and exit 0', () => {
    const r = rxCheck(['-'], JSON.stringify(issueSample));
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { alerts: [] });
  });
  test('from a file, English, with the contract fields only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rx-check-'));
    try {
      const file = join(dir, 'rx.json');
      const input = { ...issueSample, items: [{ ...issueSample.items[0]!, dose: { value: 20, unit: 'mg' } }] };
      writeFileSync(file, JSON.stringify(input));
      const r = rxCheck([file, '--lang', 'en']);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { alerts: Record<string, unknown>[] };
      assert.deepEqual(out.alerts.map((a) => Object.keys(a)), [['code', 'severity', 'items', 'message', 'source']]);
      assert.equal(out.alerts[0]?.code, 'DOSE_SINGLE_MAX');
      assert.match(String(out.alerts[0]?.message), /single dose/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  test('Chinese by default', () => {
    const input = { ...issueSample, items: [{ ...issueSample.items[0]!, dose: { value: 20, unit: 'mg' } }] };
    const r = rxCheck(['-'], JSON.stringify(input));
    assert.match(r.stdout, /氨氯地平/);
  });
  const bad: [string, string[], string][] = [
    ['not JSON', ['-'], '{'],
    ['missing dose', ['-'], JSON.stringify({ ...issueSample, items: [{ ...issueSample.items[0]!, dose: undefined }] })],
    ['an impossible date', ['-'], JSON.stringify({ ...issueSample, date: '2026-13-01' })],
    ['a missing file', ['/nonexistent/rx.json'], ''],
    ['an unknown language', ['-', '--lang', 'fr'], JSON.stringify(issueSample)],
    ['no file argument', [], ''],
    ['--coverage with a file', ['--coverage', '-'], ''],
    ['--json without --coverage', ['-', '--json'], JSON.stringify(issueSample)],
  ];
  for (const [name, args, stdin] of bad)
    test(`bad input (${name}): exit 2, one line on stderr, nothing on stdout`, () => {
      const r = rxCheck(args, stdin);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    });

  test('--coverage: one row per dimension, counted from the formulary files; a dimension without its field reads "not loaded"', () => {
    const dir = 'resources/rx/formulary';
    const drugs = readdirSync(dir).flatMap((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { drugs: { pediatric: unknown; renal: unknown[]; renalUnchanged?: string }[] }).drugs);
    const r = rxCheck(['--coverage', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const rows = (JSON.parse(r.stdout) as { coverage: { id: string; loaded: boolean; covered: number; total: number; missing: string[] }[] }).coverage;
    assert.deepEqual(rows.map((row) => row.id), ['pediatric', 'renal', 'hepatic', 'pregnancy', 'lactation', 'elderly']);
    const byId = new Map(rows.map((row) => [row.id, row]));
    assert.equal(byId.get('pediatric')?.total, drugs.length);
    assert.equal(byId.get('pediatric')?.covered, drugs.filter((d) => d.pediatric !== null).length);
    assert.equal(byId.get('renal')?.covered, drugs.filter((d) => d.renal.length > 0 || d.renalUnchanged !== undefined).length);
    assert.equal(byId.get('pediatric')?.missing.length, drugs.length - (byId.get('pediatric')?.covered ?? 0));
    const text = rxCheck(['--coverage']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^hepatic\s+0, not loaded$/m);
    assert.match(text.stdout, /^pediatric\s+\d+\/\d+\s+\d+\.\d%$/m);
  });
});
