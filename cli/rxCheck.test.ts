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

  test('--coverage: one row per dimension, each counted from the file that holds it; every dimension is printed', () => {
    const read = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
    const dir = 'resources/rx/formulary';
    type Record = { code: string; pediatric: unknown; renal: unknown[]; renalUnchanged?: string; pregnancy: unknown; lactation: unknown };
    const drugs = readdirSync(dir).flatMap((f) => read<{ drugs: Record[] }>(join(dir, f)).drugs);
    const hepatic = new Set(read<{ drugs: { code: string }[] }>('resources/rx/hepatic.json').drugs.map((d) => d.code));
    const supplement = read<{ drugs: { code: string; pregnancy?: string; lactation?: string }[] }>('resources/rx/pregnancy-lactation.json').drugs;
    const elderlyNone = new Set((read<{ noAdjustment?: { code: string }[] }>('resources/rx/elderly.json').noAdjustment ?? []).map((d) => d.code));
    const r = rxCheck(['--coverage', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const rows = (JSON.parse(r.stdout) as { coverage: { id: string; loaded: boolean; covered: number; total: number; missing: string[] }[] }).coverage;
    assert.deepEqual(rows.map((row) => row.id), ['pediatric', 'renal', 'hepatic', 'pregnancy', 'lactation', 'elderly']);
    const byId = new Map(rows.map((row) => [row.id, row]));
    assert.equal(byId.get('pediatric')?.total, drugs.length);
    assert.equal(byId.get('pediatric')?.covered, drugs.filter((d) => d.pediatric !== null).length);
    assert.equal(byId.get('renal')?.covered, drugs.filter((d) => d.renal.length > 0 || d.renalUnchanged !== undefined).length);
    assert.equal(byId.get('pediatric')?.missing.length, drugs.length - (byId.get('pediatric')?.covered ?? 0));
    assert.equal(byId.get('hepatic')?.covered, drugs.filter((d) => hepatic.has(d.code)).length);
    for (const field of ['pregnancy', 'lactation'] as const) {
      const fromFile = new Set(supplement.filter((s) => s[field] !== undefined).map((s) => s.code));
      assert.equal(byId.get(field)?.covered, drugs.filter((d) => d[field] !== null || fromFile.has(d.code)).length, field);
    }
    // Elderly: a Beers or label entry selecting the drug, or the label's "no adjustment": at least the latter.
    assert.ok((byId.get('elderly')?.covered ?? 0) >= drugs.filter((d) => elderlyNone.has(d.code)).length);
    assert.ok(rows.every((row) => row.loaded));
    const text = rxCheck(['--coverage']);
    assert.equal(text.code, 0, text.stderr);
    for (const id of byId.keys()) assert.match(text.stdout, new RegExp(`^${id}\\s+\\d+/\\d+\\s+\\d+\\.\\d%$`, 'm'));
  });
});
