import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { freshDataDir } from '../../testing/fixtures';
import { openDatabase } from '../database';
import { sql as initial } from './001_initial';
import { sql as syncAndAudit } from './002_sync_and_audit';
import { migrations } from './index';

test('002 keeps every row of a version-1 store and gives new columns their defaults', () => {
  const file = join(freshDataDir(), 'store.db');
  const key = randomBytes(32);
  const v1 = new Database(file);
  v1.pragma(`cipher='sqlcipher'`);
  v1.pragma(`legacy=4`);
  v1.pragma(`key="x'${key.toString('hex')}'"`);
  v1.exec(initial);
  v1.pragma('user_version = 1');
  v1.prepare(
    `INSERT INTO patients (id, name, name_pinyin, name_pinyin_compact, name_initials, sex, birth_date, id_number_masked, phone, department)
     VALUES ('p1', '王芳', 'wang fang', 'wangfang', 'wf', 'female', '1960-05-01', '110105********1234', '13800000000', 'cardiology')`,
  ).run();
  v1.prepare(`INSERT INTO allergies (id, patient_id, allergen, reaction, status, recorded_on) VALUES ('a1', 'p1', 'penicillin', 'rash', 'active', '2020-01-01')`).run();
  v1.close();

  const db = openDatabase(file, key);
  assert.equal(db.pragma('user_version', { simple: true }), migrations.length);
  assert.deepEqual(db.prepare(`SELECT name, phone, address FROM patients`).all(), [{ name: '王芳', phone: '13800000000', address: '' }]);
  assert.deepEqual(db.prepare(`SELECT allergen, recorded_by, status_reason FROM allergies`).all(), [
    { allergen: 'penicillin', recorded_by: null, status_reason: null },
  ]);
  db.close();
});

test('003 keeps prescriptions of a version-2 store, defaults their validity to the day of issue, and adds drafts and keys', () => {
  const file = join(freshDataDir(), 'store.db');
  const key = randomBytes(32);
  const v2 = new Database(file);
  v2.pragma(`cipher='sqlcipher'`);
  v2.pragma(`legacy=4`);
  v2.pragma(`key="x'${key.toString('hex')}'"`);
  v2.exec(initial);
  v2.exec(syncAndAudit);
  v2.pragma('user_version = 2');
  v2.prepare(
    `INSERT INTO patients (id, name, name_pinyin, name_pinyin_compact, name_initials, sex, birth_date, id_number_masked, phone, department)
     VALUES ('p1', '王芳', 'wang fang', 'wangfang', 'wf', 'female', '1960-05-01', '110105********1234', '13800000000', 'cardiology')`,
  ).run();
  v2.prepare(`INSERT INTO prescriptions (id, patient_id, issued_on, status, items, author_id) VALUES ('rx1', 'p1', '2026-01-01', 'dispensed', '[]', 'u1')`).run();
  v2.close();

  const db = openDatabase(file, key);
  assert.equal(db.pragma('user_version', { simple: true }), 3);
  assert.deepEqual(db.prepare(`SELECT id, status, author_id, validity_days, voided_at, signed_payload FROM prescriptions`).all(), [
    { id: 'rx1', status: 'dispensed', author_id: 'u1', validity_days: 1, voided_at: null, signed_payload: null },
  ]);
  assert.deepEqual(db.prepare(`SELECT count(*) AS n FROM prescription_drafts`).get(), { n: 0 });
  assert.deepEqual(db.prepare(`SELECT count(*) AS n FROM signing_keys`).get(), { n: 0 });
  db.close();
});
