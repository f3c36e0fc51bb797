import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AppFailure } from '../../../shared/result';
import { freshDataDir } from '../testing/fixtures';
import { openDatabase, readOnly } from './database';
import { migrations } from './migrations';

test('the store is encrypted: patient names never appear in the file', () => {
  const file = join(freshDataDir(), 'store.db');
  const db = openDatabase(file, randomBytes(32));
  db.prepare(
    `INSERT INTO patients (id, name, name_pinyin, name_pinyin_compact, name_initials, sex, birth_date, id_number_masked, phone, department)
     VALUES ('p1', '欧阳明月', 'ou yang ming yue', 'ouyangmingyue', 'oymy', 'female', '1970-01-01', 'x', '13800000000', 'cardiology')`,
  ).run();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const bytes = readFileSync(file);
  assert.equal(bytes.includes(Buffer.from('欧阳明月')), false);
  assert.equal(bytes.includes(Buffer.from('ouyangmingyue')), false);
  assert.equal(bytes.subarray(0, 15).toString('latin1') === 'SQLite format 3', false, 'no plaintext SQLite header');
});

test('a wrong key is refused with a clear message and the file is left as it was', () => {
  const file = join(freshDataDir(), 'store.db');
  openDatabase(file, randomBytes(32)).close();
  const before = readFileSync(file);
  assert.throws(
    () => openDatabase(file, randomBytes(32)),
    (error: unknown) => error instanceof AppFailure && error.code === 'STORE_UNAVAILABLE' && /key does not match/.test(error.message),
  );
  assert.deepEqual(readFileSync(file), before);
});

test('a key of the wrong size is refused before the file is touched', () => {
  assert.throws(() => openDatabase(join(freshDataDir(), 'store.db'), Buffer.alloc(8)), /32 bytes/);
});

test('a corrupt file is reported, not crashed on', () => {
  const file = join(freshDataDir(), 'store.db');
  writeFileSync(file, randomBytes(8192));
  assert.throws(() => openDatabase(file, randomBytes(32)), /cannot be read/);
});

test('migrations set the schema version, and a store from a newer CareDesk is refused', () => {
  const file = join(freshDataDir(), 'store.db');
  const key = randomBytes(32);
  const db = openDatabase(file, key);
  assert.equal(db.pragma('user_version', { simple: true }), migrations.length);
  db.pragma(`user_version = ${migrations.length + 1}`);
  db.close();
  assert.throws(() => openDatabase(file, key), /newer CareDesk/);
});

test('read-only access refuses, at prepare, a statement that would write', () => {
  const db = openDatabase(join(freshDataDir(), 'store.db'), randomBytes(32));
  const reads = readOnly(db);
  assert.deepEqual(reads.prepare<[], { n: number }>(`SELECT count(*) AS n FROM patients`).get(), { n: 0 });
  assert.throws(() => reads.prepare(`DELETE FROM patients`), /read-only query module prepared a statement that writes: DELETE FROM patients/);
  assert.throws(() => reads.prepare(`INSERT INTO prefs (key, value) VALUES ('x', 'y') RETURNING key`), /statement that writes/);
  db.close();
});
