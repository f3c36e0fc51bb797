import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { findDrug } from '../../../shared/rx';
import { openDatabase } from '../store/database';
import { freshDataDir } from '../testing/fixtures';
import { knowledgeSource } from './knowledgeSource';

function storeWithFormulary(rows: { id: string; status: string; drug: unknown; reason: string | null }[]) {
  const db = openDatabase(join(freshDataDir(), 'store.db'), randomBytes(32));
  const insert = db.prepare(`INSERT INTO formulary (id, status, drug, reason, version, updated_at) VALUES (?, ?, ?, ?, 1, '2026-11-26T00:00:00Z')`);
  for (const r of rows) insert.run(r.id, r.status, r.drug === null ? null : JSON.stringify(r.drug), r.reason);
  return db;
}

test('a pulled withdrawal applies; after invalidate, a change to the table does too', () => {
  const db = storeWithFormulary([{ id: 'digoxin', status: 'withdrawn', drug: null, reason: 'not stocked' }]);
  const source = knowledgeSource(db, undefined, () => assert.fail('nothing to log'));
  assert.equal(source.current().withdrawn.get('digoxin'), 'not stocked');
  db.prepare(`DELETE FROM formulary`).run();
  assert.equal(source.current().withdrawn.get('digoxin'), 'not stocked', 'compiled once, until told');
  source.invalidate();
  assert.equal(source.current().withdrawn.size, 0);
  db.close();
});

test('a hospital formulary that does not compile here falls back to the shipped one and says why', () => {
  const db = storeWithFormulary([{ id: 'made-up', status: 'listed', drug: { code: 'made-up', inn: 'made up' }, reason: null }]);
  const lines: string[] = [];
  const knowledge = knowledgeSource(db, undefined, (line) => lines.push(line)).current();
  assert.equal(findDrug(knowledge, 'made up'), null);
  assert.ok(findDrug(knowledge, 'amlodipine'));
  assert.match(lines.join('\n'), /hospital formulary not applied.*drug made-up: nameZh/s);
  db.close();
});
