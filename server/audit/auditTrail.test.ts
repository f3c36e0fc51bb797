/**
 * The audit trail on the server (issue 12): subjects indexed on upload and queried by the admin,
 * and the held copy walked again after tampering in the database (retention: retention.test.ts).
 * Real databases (PGlite; PostgreSQL when CAREDESK_TEST_DATABASE_URL is set).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AuditQueryResponse } from '../../shared/audit/query';
import { uploadedChain, type AuditStep } from '../test-support/auditChains';
import { dbVariants } from '../test-support/databases';
import { demo, TestHospital, type Workstation } from '../test-support/hospital';

for (const { kind, skip } of dbVariants) {
  describe(`audit trail [${kind}]`, { skip }, () => {
    let hospital: TestHospital;
    let admin: Workstation;
    before(async () => {
      hospital = await TestHospital.start(kind, { patients: 1 });
      admin = await hospital.admin();
    });
    after(() => hospital.stop());

    const uploaded = (steps: AuditStep[]) => uploadedChain(hospital, steps);
    const query = async (params: Record<string, string>) => {
      const answer = await hospital.request<AuditQueryResponse>('GET', `/admin/audit/events?${new URLSearchParams(params)}`, { token: admin.token });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return answer.body;
    };
    const verify = async (deviceId: string) => {
      const answer = await hospital.request<{ devices: { deviceId: string; problem: unknown }[] }>('GET', '/admin/audit/verify', { token: admin.token });
      return answer.body.devices.find((d) => d.deviceId === deviceId)!.problem;
    };

    test('who opened this chart: a chart open and a search page that showed the patient are both found, newest first, paged', async () => {
      const patient = `p-${randomUUID()}`;
      const { ws } = await uploaded([
        { action: 'chart.search', subject: 'search:patients', detail: { shown: 2, subjects: [`patient:${patient}`, 'patient:someone-else'] } },
        { action: 'chart.open', subject: `patient:${patient}` },
        { action: 'chart.open', subject: 'patient:someone-else' },
        { action: 'prescription.sign', subject: `prescription:${randomUUID()}`, detail: { subjects: [`patient:${patient}`] } },
      ]);
      const found = await query({ patientId: patient });
      assert.deepEqual(found.events.map((e) => e.action), ['prescription.sign', 'chart.open', 'chart.search']);
      assert.ok(found.events.every((e) => e.deviceId === ws.deviceId && e.deviceName === `${demo.doctor.account}-ws`));
      const first = await query({ patientId: patient, pageSize: '2' });
      const second = await query({ patientId: patient, pageSize: '2', page: '2' });
      assert.deepEqual([first.more, second.more], [true, false]);
      assert.deepEqual([...first.events, ...second.events].map((e) => e.seq), found.events.map((e) => e.seq));
    });

    test('the filters combine: user, device, action and time range', async () => {
      const { ws } = await uploaded([
        { action: 'auth.sign-in', subject: 'user:u-x', userId: 'u-x', at: '2026-11-01T08:00:00.000Z' },
        { action: 'chart.open', subject: 'patient:p-a', userId: 'u-x', at: '2026-11-02T08:00:00.000Z' },
        { action: 'chart.open', subject: 'patient:p-b', userId: 'u-y', at: '2026-11-03T08:00:00.000Z' },
      ]);
      const device = { deviceId: ws.deviceId };
      assert.deepEqual((await query({ ...device, userId: 'u-x' })).events.map((e) => e.seq), [2, 1]);
      assert.deepEqual((await query({ ...device, action: 'chart.open' })).events.map((e) => e.seq), [3, 2]);
      assert.deepEqual((await query({ ...device, from: '2026-11-02T00:00:00Z', to: '2026-11-02T23:59:59Z' })).events.map((e) => e.seq), [2]);
    });

    test('a bad filter is a 400 with the field named, and an injection attempt is only a value that matches nothing', async () => {
      const bad = await hospital.request<{ error: { code: string; message: string } }>('GET', '/admin/audit/events?from=yesterday', { token: admin.token });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'INVALID_REQUEST');
      assert.match(bad.body.error.message, /from/);
      assert.deepEqual((await query({ userId: "x' OR '1'='1" })).events, []);
      const doctor = await hospital.workstation(demo.doctor.account, demo.doctor.password);
      assert.equal((await hospital.request('GET', '/admin/audit/events', { token: doctor.token })).status, 403);
    });

    test("tamper with the server's copy: an edit, a deletion and a reorder are each found, at the first broken link", async () => {
      const steps = Array.from({ length: 5 }, (_, i) => ({ action: 'chart.open', subject: `patient:p${i}` }));
      const edited = await uploaded(steps);
      assert.equal(await verify(edited.ws.deviceId), null);
      await hospital.db.query(`UPDATE audit_entries SET subject = 'patient:other' WHERE device_id = $1 AND seq = 3`, [edited.ws.deviceId]);
      assert.deepEqual(await verify(edited.ws.deviceId), { seq: 3, kind: 'altered', reason: 'entry altered' });

      const deleted = await uploaded(steps);
      await hospital.db.query(`DELETE FROM audit_subjects WHERE device_id = $1 AND seq = 2`, [deleted.ws.deviceId]);
      await hospital.db.query(`DELETE FROM audit_entries WHERE device_id = $1 AND seq = 2`, [deleted.ws.deviceId]);
      assert.deepEqual(await verify(deleted.ws.deviceId), { seq: 3, kind: 'gap', reason: 'entry 2 is missing' });

      const reordered = await uploaded(steps);
      const id = reordered.ws.deviceId;
      await hospital.db.query(`DELETE FROM audit_subjects WHERE device_id = $1`, [id]);
      await hospital.db.query(`UPDATE audit_entries SET seq = 1000 WHERE device_id = $1 AND seq = 2`, [id]);
      await hospital.db.query(`UPDATE audit_entries SET seq = 2 WHERE device_id = $1 AND seq = 4`, [id]);
      await hospital.db.query(`UPDATE audit_entries SET seq = 4 WHERE device_id = $1 AND seq = 1000`, [id]);
      assert.deepEqual(await verify(id), { seq: 2, kind: 'link', reason: 'link to the previous entry broken' });
    });
  });
}
