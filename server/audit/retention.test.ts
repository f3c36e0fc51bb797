/**
 * Audit retention as the server enforces it (issue 12, "Retention"): a setting below the law's
 * floor is refused with its own code, the purge removes only process records past the window,
 * never anything clinical (run 20 years ahead to show it), each run is recorded with its anchors,
 * and the held chains still verify while an edit hidden behind a forged purge is found.
 * Real databases (PGlite; PostgreSQL when CAREDESK_TEST_DATABASE_URL is set).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildServer } from '../app';
import { openDatabase } from '../db/open';
import { seedDemoHospital } from '../demo/seed';
import { uploadedChain } from '../test-support/auditChains';
import { dbVariants } from '../test-support/databases';
import { TestHospital, testHashParams, type Workstation } from '../test-support/hospital';
import { testCa } from '../signing/ca';
import { runAuditPurge, scheduleAuditPurge, type PurgeReport } from './retention';

const yearMs = 365.25 * 24 * 60 * 60_000;
const yearsAgo = (now: number, years: number) => new Date(now - years * yearMs).toISOString();

for (const { kind, skip } of dbVariants) {
  describe(`audit retention [${kind}]`, { skip }, () => {
    let hospital: TestHospital;
    let admin: Workstation;
    before(async () => {
      hospital = await TestHospital.start(kind, { patients: 5 });
      admin = await hospital.admin();
    });
    after(() => hospital.stop());

    const verify = async (deviceId: string) => {
      const answer = await hospital.request<{ devices: { deviceId: string; problem: unknown }[] }>('GET', '/admin/audit/verify', { token: admin.token });
      return answer.body.devices.find((d) => d.deviceId === deviceId)!.problem;
    };
    const held = (deviceId: string) =>
      hospital.db.query<{ seq: number; action: string; subject: string; user_id: string; purged: boolean }>(
        `SELECT seq, action, subject, user_id, purged_at IS NOT NULL AS purged FROM audit_entries WHERE device_id = $1 ORDER BY seq`,
        [deviceId],
      );

    test('a retention below the floor is refused with RETENTION_BELOW_MINIMUM, alone or with other keys, and nothing changes', async () => {
      const before = await hospital.request('GET', '/admin/settings', { token: admin.token });
      for (const [path, body] of [
        ['/admin/settings/audit', { clinicalRecordYears: 14, processRecordYears: 3 }],
        ['/admin/settings/audit', { clinicalRecordYears: 15, processRecordYears: 2 }],
        ['/admin/settings', { changes: [{ key: 'review', value: { leaseMs: 300_000 } }, { key: 'audit', value: { clinicalRecordYears: 15, processRecordYears: 1 } }] }],
      ] as const) {
        const answer = await hospital.request<{ error: { code: string; message: string } }>('PUT', path, { token: admin.token, body });
        assert.equal(answer.status, 400, path);
        assert.equal(answer.body.error.code, 'RETENTION_BELOW_MINIMUM');
        assert.match(answer.body.error.message, /at least (15|3) years/);
      }
      assert.deepEqual((await hospital.request('GET', '/admin/settings', { token: admin.token })).body, before.body);
    });

    test('process records older than the window lose their content, newer ones and every clinical entry are kept, and the chain verifies', async () => {
      const now = hospital.clock;
      const { ws } = await uploadedChain(hospital, [
        { action: 'auth.sign-in', subject: 'user:u-doctor', at: yearsAgo(now, 4), detail: { outcome: 'accepted', score: 0.91 } },
        { action: 'chart.open', subject: 'patient:p-old', at: yearsAgo(now, 4) },
        { action: 'prescription.sign', subject: 'prescription:rx-old', at: yearsAgo(now, 4), detail: { subjects: ['patient:p-old'] } },
        { action: 'face.attempt', subject: 'user:u-doctor', at: yearsAgo(now, 4), detail: { similarity: 0.8 } },
        { action: 'session.open', subject: 'session:s-2', at: yearsAgo(now, 2) },
        { action: 'chart.open', subject: 'patient:p-old', at: yearsAgo(now, 2) },
      ]);
      const answer = await hospital.request<PurgeReport>('POST', '/admin/audit/purge', { token: admin.token, body: {} });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const anchor = answer.body.anchors.find((a) => a.deviceId === ws.deviceId);
      assert.deepEqual(anchor, { deviceId: ws.deviceId, entries: 3, throughSeq: 4 }, 'the run anchors what it purged on this device');

      const left = await held(ws.deviceId);
      assert.deepEqual(left.map((e) => [e.action, e.purged]), [
        ['auth.sign-in', true], ['chart.open', true], ['prescription.sign', false], ['face.attempt', true], ['session.open', false], ['chart.open', false],
      ]);
      assert.ok(left.filter((e) => e.purged).every((e) => e.subject === 'purged' && e.user_id === 'purged'), 'the content is gone');
      assert.equal(left[2]!.subject, 'prescription:rx-old', 'a signed prescription is clinical: kept');
      assert.equal(await verify(ws.deviceId), null, 'purged entries still link');
      const byPatient = await hospital.request<{ events: { seq: number; action: string }[] }>('GET', '/admin/audit/events?patientId=p-old', { token: admin.token });
      assert.deepEqual(byPatient.body.events.filter((e) => e.action !== 'audit.query').map((e) => e.seq), [6, 3]);

      const [run] = await hospital.db.query<{ trigger: string; triggered_by: string; entries: number }>(`SELECT trigger, triggered_by, entries FROM audit_purges WHERE id = $1`, [answer.body.purgeId]);
      assert.deepEqual(run, { trigger: 'admin', triggered_by: admin.userId, entries: answer.body.purged });
      const actions = await hospital.db.query<{ action: string }>(`SELECT action FROM admin_actions WHERE subject = $1`, [`purge:${answer.body.purgeId}`]);
      assert.deepEqual(actions.map((a) => a.action), ['audit.purge'], 'the purge is itself audited');
      await assert.rejects(hospital.db.query(`DELETE FROM audit_purges WHERE id = $1`, [answer.body.purgeId]), /append-only/);
    });

    test('with the clock 20 years ahead the purge leaves every clinical row, in every table, exactly as it was', async () => {
      const { ws } = await uploadedChain(hospital, [
        { action: 'chart.open', subject: 'patient:p-1' },
        { action: 'record.sign', subject: 'record:r-1', detail: { subjects: ['patient:p-1'] } },
        { action: 'allergy.add', subject: 'patient:p-1' },
        { action: 'auth.sign-in', subject: 'user:u-doctor' },
      ]);
      const tables = (await hospital.db.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
      )).map((t) => t.name);
      const audited = ['audit_entries', 'audit_subjects', 'audit_purges'];
      assert.ok(['patients', 'encounters', 'prescriptions', 'emr_records', 'allergies', 'labs', 'diagnoses'].every((t) => tables.includes(t)));
      const digest = async () => {
        const sums: Record<string, string> = {};
        for (const table of tables.filter((t) => !audited.includes(t))) {
          const [row] = await hospital.db.query<{ sum: string | null; n: number }>(`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS sum, count(*)::int AS n FROM "${table}" t`);
          sums[table] = `${row!.n}:${row!.sum ?? ''}`;
        }
        // Clinical audit entries too: everything but the process ones, content included.
        const [clinical] = await hospital.db.query<{ sum: string; n: number }>(
          `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS sum, count(*)::int AS n FROM audit_entries t WHERE NOT (action LIKE ANY ($1::text[]))`,
          [['auth.%', 'session.%', 'sync.%', 'face.attempt', 'face.lockout', 'chart.open', 'chart.search', 'audit.query']],
        );
        sums.clinical_audit_entries = `${clinical!.n}:${clinical!.sum}`;
        return sums;
      };
      const before = await digest();
      assert.ok(Number(before.patients!.split(':')[0]) >= 5 && Number(before.encounters!.split(':')[0]) > 0, 'there is clinical data to keep');
      const report = await runAuditPurge(hospital.db, new Date(hospital.clock + 20 * yearMs), { kind: 'cli', userId: admin.userId });
      assert.ok(report.purged >= 2, 'every process entry is past its window by then');
      assert.deepEqual(await digest(), before);
      assert.deepEqual((await held(ws.deviceId)).map((e) => e.purged), [true, false, false, true]);
      assert.equal(await verify(ws.deviceId), null);
    });

    test('an edit hidden behind a forged purge mark is found, and so is an edit after a real purge', async () => {
      const now = hospital.clock;
      const { ws } = await uploadedChain(hospital, [
        { action: 'auth.sign-in', subject: 'user:u-doctor', at: yearsAgo(now, 5) },
        { action: 'prescription.sign', subject: 'prescription:rx-a', at: yearsAgo(now, 5), detail: { subjects: ['patient:p-a'] } },
        { action: 'session.open', subject: 'session:s-9', at: yearsAgo(now, 1) },
        { action: 'chart.open', subject: 'patient:p-a', at: yearsAgo(now, 1) },
      ]);
      const { purgeId } = await runAuditPurge(hospital.db, new Date(now), { kind: 'schedule' });
      assert.deepEqual((await held(ws.deviceId)).map((e) => e.purged), [true, false, false, false]);
      assert.equal(await verify(ws.deviceId), null);

      // A clinical entry "purged" under the real run's id: its erased content would go unchecked.
      await hospital.db.query(`UPDATE audit_entries SET subject = 'purged', purged_at = now(), purge_id = $2 WHERE device_id = $1 AND seq = 2`, [ws.deviceId, purgeId]);
      assert.deepEqual(await verify(ws.deviceId), { seq: 2, kind: 'altered', reason: 'entry marked purged outside a retention purge' });
      await hospital.db.query(`UPDATE audit_entries SET subject = 'prescription:rx-a', purged_at = NULL, purge_id = NULL WHERE device_id = $1 AND seq = 2`, [ws.deviceId]);
      assert.equal(await verify(ws.deviceId), null, 'put back, it verifies again');

      // A process entry still inside its window, marked purged.
      await hospital.db.query(`UPDATE audit_entries SET purged_at = now(), purge_id = $2 WHERE device_id = $1 AND seq = 3`, [ws.deviceId, purgeId]);
      assert.deepEqual(await verify(ws.deviceId), { seq: 3, kind: 'altered', reason: 'entry marked purged outside a retention purge' });
      await hospital.db.query(`UPDATE audit_entries SET purged_at = NULL, purge_id = NULL WHERE device_id = $1 AND seq = 3`, [ws.deviceId]);

      // An edit after the purged prefix.
      await hospital.db.query(`UPDATE audit_entries SET subject = 'patient:someone-else' WHERE device_id = $1 AND seq = 4`, [ws.deviceId]);
      assert.deepEqual(await verify(ws.deviceId), { seq: 4, kind: 'altered', reason: 'entry altered' });
    });

    test('the server starts the purge on its timer, and stops it when it closes', async () => {
      const runsBefore = (await hospital.db.query(`SELECT 1 FROM audit_purges WHERE trigger = 'schedule'`)).length;
      const app = buildServer({ db: hospital.db, ca: testCa, auditPurgeIntervalMs: 20 });
      await app.ready();
      const deadline = Date.now() + 20_000;
      let runs = runsBefore;
      while (runs < runsBefore + 2 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        runs = (await hospital.db.query(`SELECT 1 FROM audit_purges WHERE trigger = 'schedule'`)).length;
      }
      await app.close();
      assert.ok(runs >= runsBefore + 2, `the timer ran the purge again and again (${runs - runsBefore} runs)`);
      const closedAt = (await hospital.db.query(`SELECT 1 FROM audit_purges WHERE trigger = 'schedule'`)).length;
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal((await hospital.db.query(`SELECT 1 FROM audit_purges WHERE trigger = 'schedule'`)).length, closedAt, 'no run after close');
    });

    test('the scheduled job survives a failed run and logs it', async () => {
      const errors: string[] = [];
      const broken = { ...hospital.db, transaction: () => Promise.reject(new Error('database restarting')) };
      const stop = scheduleAuditPurge(broken, () => new Date(), 10, { info: () => undefined, error: (obj) => errors.push(JSON.stringify(obj)) });
      const deadline = Date.now() + 10_000;
      while (errors.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      await stop();
      assert.ok(errors.length >= 2 && errors[0]!.includes('database restarting'), 'failed twice, kept going');
    });
  });
}

test('caredesk server purge-audit runs the purge now as a named admin, and refuses anyone else', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'caredesk-purge-cli-'));
  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'cli/caredesk.ts', 'server', 'purge-audit', ...args], { encoding: 'utf8' }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
  try {
    const data = join(dir, 'db');
    const seeded = await openDatabase({ dataDir: data });
    await seedDemoHospital(seeded, 1, { hashParams: testHashParams });
    await seeded.close();
    const refused = await run('--as', 'doctor', '--data-dir', data);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /doctor is not an active admin account/);
    const ran = await run('--as', 'admin', '--data-dir', data);
    assert.equal(ran.code, 0, ran.stderr);
    assert.match(ran.stdout, /audit retention purge [0-9a-f-]{36}: 0 process entries older than \d{4}-/);
    const db = await openDatabase({ dataDir: data });
    try {
      const runs = await db.query<{ trigger: string; account: string }>(`SELECT p.trigger, u.account FROM audit_purges p JOIN users u ON u.id = p.triggered_by`);
      assert.deepEqual(runs, [{ trigger: 'cli', account: 'admin' }], 'one run, recorded under the admin (the refused one ran nothing)');
    } finally {
      await db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
