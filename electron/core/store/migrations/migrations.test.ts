import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { freshDataDir } from '../../testing/fixtures';
import { openDatabase } from '../database';
import { migrations } from './index';

/**
 * A real encrypted store left at schema `version` by an older CareDesk, with rows written by
 * `fill`; returns how to open it with the current one (which migrates it).
 */
function storeAt(version: number, fill: (db: Database.Database) => void) {
  const file = join(freshDataDir(), 'store.db');
  const key = randomBytes(32);
  const old = new Database(file);
  old.pragma(`cipher='sqlcipher'`);
  old.pragma(`legacy=4`);
  old.pragma(`key="x'${key.toString('hex')}'"`);
  migrations.slice(0, version).forEach((sql) => old.exec(sql));
  old.pragma(`user_version = ${version}`);
  fill(old);
  old.close();
  return () => {
    const db = openDatabase(file, key);
    assert.equal(db.pragma('user_version', { simple: true }), migrations.length);
    return db;
  };
}

const insertPatient = (db: Database.Database) =>
  db
    .prepare(
      `INSERT INTO patients (id, name, name_pinyin, name_pinyin_compact, name_initials, sex, birth_date, id_number_masked, phone, department)
       VALUES ('p1', '王芳', 'wang fang', 'wangfang', 'wf', 'female', '1960-05-01', '110105********1234', '13800000000', 'cardiology')`,
    )
    .run();

test('002 keeps every row of a version-1 store and gives new columns their defaults', () => {
  const open = storeAt(1, (db) => {
    insertPatient(db);
    db.prepare(`INSERT INTO allergies (id, patient_id, allergen, reaction, status, recorded_on) VALUES ('a1', 'p1', 'penicillin', 'rash', 'active', '2020-01-01')`).run();
  });
  const db = open();
  assert.deepEqual(db.prepare(`SELECT name, phone, address FROM patients`).all(), [{ name: '王芳', phone: '13800000000', address: '' }]);
  assert.deepEqual(db.prepare(`SELECT allergen, recorded_by, status_reason FROM allergies`).all(), [
    { allergen: 'penicillin', recorded_by: null, status_reason: null },
  ]);
  db.close();
});

test('003 keeps prescriptions of a version-2 store, defaults their validity to the day of issue, and adds drafts and keys', () => {
  const open = storeAt(2, (db) => {
    insertPatient(db);
    db.prepare(`INSERT INTO prescriptions (id, patient_id, issued_on, status, items, author_id) VALUES ('rx1', 'p1', '2026-01-01', 'dispensed', '[]', 'u1')`).run();
  });
  const db = open();
  assert.deepEqual(db.prepare(`SELECT id, status, author_id, validity_days, voided_at, signed_payload FROM prescriptions`).all(), [
    { id: 'rx1', status: 'dispensed', author_id: 'u1', validity_days: 1, voided_at: null, signed_payload: null },
  ]);
  assert.deepEqual(db.prepare(`SELECT count(*) AS n FROM prescription_drafts`).get(), { n: 0 });
  assert.deepEqual(db.prepare(`SELECT count(*) AS n FROM signing_keys`).get(), { n: 0 });
  db.close();
});

test('004 makes a cache filled before per-user scopes pull its scopes again, and keeps everything else', () => {
  const open = storeAt(3, (db) => {
    insertPatient(db);
    db.prepare(`INSERT INTO sync_state (key, value) VALUES ('pull.u1', '{"scopeEpoch":1,"cursor":900}'), ('device.local_id', 'd1'), ('token.u1', '{}')`).run();
  });
  const db = open();
  assert.deepEqual(db.prepare(`SELECT key FROM sync_state ORDER BY key`).all(), [{ key: 'device.local_id' }, { key: 'token.u1' }]);
  assert.deepEqual(db.prepare(`SELECT count(*) AS n FROM patients`).get(), { n: 1 });
  db.close();
});

test('006 keeps cached rows and pending changes, gives cached rows no feed position, and makes every user pull again', () => {
  const open = storeAt(5, (db) => {
    insertPatient(db);
    db.prepare(`INSERT INTO outbox (mutation_id, kind, payload, client_time, user_id) VALUES ('m1', 'allergy.add', '{}', '2026-01-01T00:00:00Z', 'u1')`).run();
    db.prepare(`INSERT INTO sync_state (key, value) VALUES ('pull.u1', '{"scopeEpoch":1,"cursor":900}'), ('token.u1', '{}')`).run();
  });
  const db = open();
  assert.deepEqual(db.prepare(`SELECT id, phone, feed_seq FROM patients`).all(), [{ id: 'p1', phone: '13800000000', feed_seq: null }]);
  assert.deepEqual(db.prepare(`SELECT mutation_id, state FROM outbox`).all(), [{ mutation_id: 'm1', state: 'pending' }]);
  assert.deepEqual(db.prepare(`SELECT key FROM sync_state ORDER BY key`).all(), [{ key: 'token.u1' }]);
  assert.deepEqual(db.prepare(`SELECT count(*) AS n FROM outbox_settled`).get(), { n: 0 });
  db.close();
});
