import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { subjectOf } from '../../../shared/audit/subjects';
import { freshDataDir } from '../testing/fixtures';
import { auditLog, entryHash } from './audit';
import { openDatabase, type Db } from './database';
import { keyFileSource } from './keyring';

const actor = { userId: 'u1', sessionId: 's1', deviceId: 'd1' };

/** A store the CLI can open too (the key file of the data directory). */
function freshLog(entries = 0) {
  const dataDir = freshDataDir('caredesk-audit');
  const db = openDatabase(`${dataDir}/caredesk.db`, keyFileSource(dataDir).loadOrCreateKey());
  const log = auditLog(db);
  for (let i = 1; i <= entries; i++) log.append(actor, 'chart.open', subjectOf.patient(`p${i}`));
  return { dataDir, db, log };
}

/** What an attacker holding the key does first: drops the append-only triggers. */
const dropTriggers = (db: Db) => db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');

const cliVerify = (dataDir: string) => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'cli/caredesk.ts', 'audit', 'verify', '--data-dir', dataDir], { encoding: 'utf8' });
  return { status: run.status, report: JSON.parse(run.stdout) as unknown, stderr: run.stderr };
};

test('entries chain: each names the hash of the one before', () => {
  const { log } = freshLog();
  const first = log.append(actor, 'chart.open', subjectOf.patient('p1'));
  const second = log.append(actor, 'prescription.sign', subjectOf.prescription('r1'), { items: 2 }, [subjectOf.patient('p1')]);
  assert.equal(second.prevHash, first.hash);
  assert.deepEqual(second.detail, { items: 2, subjects: ['patient:p1'] }, 'related subjects travel in the hashed detail');
  assert.deepEqual(log.verify(), { ok: true, entries: 2 });
});

test('the log refuses updates and deletes', () => {
  const { db } = freshLog(1);
  assert.throws(() => db.prepare(`UPDATE audit_log SET action = 'nothing'`).run(), /append-only/);
  assert.throws(() => db.prepare(`DELETE FROM audit_log`).run(), /append-only/);
});

test('tamper: an entry edited behind the dropped triggers is found, here and by the CLI, at its seq', () => {
  const { dataDir, db, log } = freshLog(4);
  dropTriggers(db);
  db.prepare(`UPDATE audit_log SET subject = 'patient:someone-else' WHERE seq = 2`).run();
  assert.deepEqual(log.verify(), { ok: false, brokenAt: 2, reason: 'entry altered' });
  db.close();
  const cli = cliVerify(dataDir);
  assert.equal(cli.status, 1, cli.stderr);
  assert.deepEqual(cli.report, { ok: false, brokenAt: 2, reason: 'entry altered' });
});

test('tamper: an entry deleted from the middle is a gap named at the entry after it', () => {
  const { dataDir, db, log } = freshLog(4);
  dropTriggers(db);
  db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
  assert.deepEqual(log.verify(), { ok: false, brokenAt: 3, reason: 'entry 2 is missing' });
  db.close();
  assert.deepEqual(cliVerify(dataDir).report, { ok: false, brokenAt: 3, reason: 'entry 2 is missing' });
});

test('tamper: two entries swapped (seqs exchanged) break the link at the first of them', () => {
  const { dataDir, db, log } = freshLog(4);
  dropTriggers(db);
  db.exec('UPDATE audit_log SET seq = 1000 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 1000;');
  assert.deepEqual(log.verify(), { ok: false, brokenAt: 2, reason: 'link to the previous entry broken' });
  db.close();
  assert.deepEqual(cliVerify(dataDir).report, { ok: false, brokenAt: 2, reason: 'link to the previous entry broken' });
});

test('tamper: an entry re-hashed after its edit still breaks the link of the entry after it', () => {
  const { db, log } = freshLog(3);
  dropTriggers(db);
  // The attacker recomputes entry 2's hash so it verifies on its own; entry 3 still names the old one.
  const [original] = log.entriesAfter(1, 1);
  const forged = { ...original!, subject: 'patient:someone-else' };
  const { hash: _, ...unhashed } = forged;
  db.prepare('UPDATE audit_log SET subject = ?, hash = ? WHERE seq = 2').run(forged.subject, entryHash(unhashed));
  assert.deepEqual(log.verify(), { ok: false, brokenAt: 3, reason: 'link to the previous entry broken' });
});

test('a subject is only made in the one format: a bare or ambiguous id is refused', () => {
  assert.equal(subjectOf.patient('p-1'), 'patient:p-1');
  assert.throws(() => subjectOf.patient('a:b'), /without a colon/);
  assert.throws(() => subjectOf.patient(''), /1-160/);
});
