import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { createCore } from '../electron/core/core';
import { keyFileSource } from '../electron/core/store/keyring';
import { freshDataDir } from '../electron/core/testing/fixtures';

const caredesk = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'cli/caredesk.ts', ...args], { encoding: 'utf8' });

test('seed fills a store that a person can then search, and the audit chain of a new store verifies', () => {
  const dataDir = freshDataDir('caredesk-cli');
  const seeded = caredesk('seed', '--data-dir', dataDir, '--patients', '25');
  assert.equal(seeded.status, 0, seeded.stderr);
  assert.match(seeded.stdout, /seeded 25 patients/);
  const core = createCore({ dataDir, key: keyFileSource(dataDir).loadOrCreateKey(), log: () => {} });
  assert.equal(core.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM patients').get()!.n, 25);
  void core.close();
  const verified = caredesk('audit', 'verify', '--data-dir', dataDir);
  assert.equal(verified.status, 0, verified.stderr);
  assert.deepEqual(JSON.parse(verified.stdout), { ok: true, entries: 0 });
});

test('an unknown command or option is refused with a usage line', () => {
  const unknown = caredesk('frobnicate');
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown command: frobnicate/);
  const badFlag = caredesk('seed', '--patiens', '5');
  assert.equal(badFlag.status, 2);
  assert.match(badFlag.stderr, /unknown option --patiens/);
});
