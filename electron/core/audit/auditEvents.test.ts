/**
 * The audit trail of what people do at the workstation (issue 12): each test does what a user
 * does through the real dispatch and reads the entries the real store holds.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditLog, type AuditEntry } from '../store/audit';
import { caller } from '../rx/rxTestKit';
import { admin, doctor, seededCore } from '../testing/fixtures';
import { manualClock } from '../testing/manualClock';

const clock = manualClock();
const core = await seededCore(60, { now: clock.now, timers: clock.timers });
const log = auditLog(core.db);
let seen = 0;
/** Entries written since the last call. */
function newEntries(): AuditEntry[] {
  const entries = log.entriesAfter(seen, 10_000);
  seen = entries.at(-1)?.seq ?? seen;
  return entries;
}
const deviceId = () => log.entriesAfter(0, 1)[0]!.deviceId;

test('a wrong password is audited as a refused attempt under the account, never with the password', async () => {
  newEntries();
  const desk = caller(core, 'c-wrong');
  assert.equal(await desk.code('auth:signIn', { account: doctor.account, password: 'not-the-password' }), 'BAD_CREDENTIALS');
  const [attempt, ...rest] = newEntries();
  assert.equal(rest.length, 0);
  assert.equal(attempt!.action, 'auth.sign-in');
  assert.match(attempt!.subject, /^user:/);
  assert.deepEqual(attempt!.detail, { method: 'password', outcome: 'refused', code: 'BAD_CREDENTIALS' });
  assert.equal(attempt!.sessionId, null);
  assert.ok(!JSON.stringify(attempt).includes('not-the-password'));
});

test('an unknown account is audited under user:unknown with a digest, not the name typed', async () => {
  newEntries();
  assert.equal(await caller(core, 'c-unknown').code('auth:signIn', { account: 'nobody-here', password: 'x' }), 'BAD_CREDENTIALS');
  const [attempt] = newEntries();
  assert.equal(attempt!.subject, 'user:unknown');
  assert.match(String(attempt!.detail.accountSha256), /^[0-9a-f]{64}$/);
  assert.ok(!JSON.stringify(attempt).includes('nobody-here'));
});

test('a sign-in opens an audited session saying how it was verified; search, chart, lock and sign-out follow, each with user, session, device and time', async () => {
  newEntries();
  const desk = caller(core, 'c-doc');
  await desk.ok('auth:signIn', doctor);
  const [attempt, opened] = newEntries();
  assert.deepEqual([attempt!.action, attempt!.detail.outcome], ['auth.sign-in', 'accepted']);
  assert.equal(opened!.action, 'session.open');
  assert.deepEqual(opened!.detail, { verifiedBy: 'password', mode: 'full', passwordCheckedBy: 'offline' }, 'no server here: the device verifier checked it');
  const sessionId = opened!.sessionId!;
  assert.equal(opened!.subject, `session:${sessionId}`);

  const page = await desk.ok('patients:search', { query: '', limit: 20 });
  assert.ok(page.patients.length > 1);
  const [search, ...noMore] = newEntries();
  assert.equal(noMore.length, 0, 'a search page is one entry');
  assert.equal(search!.action, 'chart.search');
  assert.deepEqual(search!.detail.subjects, page.patients.map((p) => `patient:${p.id}`));
  assert.ok(!('query' in search!.detail), 'the search text (a name, an id number) stays out of the log');

  const patientId = page.patients[0]!.id;
  await desk.ok('patients:summary', { patientId });
  const [open] = newEntries();
  assert.deepEqual([open!.action, open!.subject], ['chart.open', `patient:${patientId}`]);
  for (const entry of [search!, open!]) {
    assert.equal(entry.sessionId, sessionId);
    assert.equal(entry.userId, opened!.userId);
    assert.equal(entry.deviceId, deviceId());
    assert.equal(entry.at, new Date(clock.now()).toISOString());
  }

  assert.equal((await desk.ok('patients:search', { query: 'zzzz-no-such-patient', limit: 20 })).patients.length, 0);
  assert.equal(newEntries().length, 0, 'a page that showed nobody read nobody');

  clock.advance(60 * 60 * 1000);
  const [locked] = newEntries();
  assert.deepEqual([locked!.action, locked!.sessionId, locked!.detail.reason], ['session.lock', sessionId, 'idle']);

  await desk.ok('auth:signOut', {});
  const [ended] = newEntries();
  assert.deepEqual([ended!.action, ended!.sessionId, ended!.detail.reason], ['session.end', sessionId, 'signed-out']);
});

test('a language change is a settings change, audited with before and after; choosing the same one again is not', async () => {
  newEntries();
  const desk = caller(core, 'c-admin');
  await desk.ok('auth:signIn', admin);
  newEntries();
  await desk.ok('prefs:setLanguage', { language: 'en' });
  await desk.ok('prefs:setLanguage', { language: 'en' });
  const changes = newEntries();
  assert.equal(changes.length, 1);
  assert.deepEqual([changes[0]!.action, changes[0]!.subject, changes[0]!.detail], ['setting.change', 'setting:language', { before: 'zh-CN', after: 'en' }]);
  assert.notEqual(changes[0]!.sessionId, null);
  assert.deepEqual(log.verify().ok, true);
});
