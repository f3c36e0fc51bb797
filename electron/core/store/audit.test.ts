import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { freshDataDir } from '../testing/fixtures';
import { auditLog } from './audit';
import { openDatabase } from './database';

const actor = { userId: 'u1', sessionId: 's1', deviceId: 'd1' };

function freshLog() {
  const db = openDatabase(join(freshDataDir(), 'store.db'), randomBytes(32));
  return { db, log: auditLog(db) };
}

test('entries chain: each names the hash of the one before', () => {
  const { log } = freshLog();
  const first = log.append(actor, 'patient.open', 'patient:p1');
  const second = log.append(actor, 'prescription.sign', 'prescription:r1', { items: 2 });
  assert.equal(second.prevHash, first.hash);
  assert.deepEqual(log.verify(), { ok: true, entries: 2 });
});

test('the log refuses updates and deletes', () => {
  const { db, log } = freshLog();
  log.append(actor, 'patient.open', 'patient:p1');
  assert.throws(() => db.prepare(`UPDATE audit_log SET action = 'nothing'`).run(), /append-only/);
  assert.throws(() => db.prepare(`DELETE FROM audit_log`).run(), /append-only/);
});

test('an entry altered behind the triggers is found by verification', () => {
  const { db, log } = freshLog();
  log.append(actor, 'patient.open', 'patient:p1');
  log.append(actor, 'patient.open', 'patient:p2');
  log.append(actor, 'patient.open', 'patient:p3');
  db.exec('DROP TRIGGER audit_log_no_update');
  db.prepare(`UPDATE audit_log SET subject = 'patient:someone-else' WHERE seq = 2`).run();
  assert.deepEqual(log.verify(), { ok: false, brokenAt: 2, reason: 'entry altered' });
});
