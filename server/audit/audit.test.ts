import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { auditEntryText, genesis, verifyChain, type AuditEntry, type ChainHead } from '../../shared/audit/chain';
import { sha256 } from '../auth/tokens';
import { dbVariants } from '../test-support/databases';
import { demo, TestHospital, type Workstation } from '../test-support/hospital';

/** `count` entries of one workstation's chain, following `from`: hashed as a workstation hashes them. */
function chain(installationId: string, count: number, from: ChainHead = genesis, subject = (seq: number) => `patient:p${seq}`): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let head = from;
  for (let seq = from.seq + 1; seq <= from.seq + count; seq++) {
    const unhashed = {
      seq, at: new Date(Date.UTC(2026, 0, 15, 8, 0, seq)).toISOString(), userId: 'u-doctor', sessionId: seq % 3 === 0 ? null : 's-1',
      deviceId: installationId, action: 'patient.open', subject: subject(seq), detail: { n: seq, code: 'I10' }, prevHash: head.hash,
    };
    const entry = { ...unhashed, hash: sha256(auditEntryText(unhashed)) };
    entries.push(entry);
    head = entry;
  }
  return entries;
}

interface Refusal {
  error: { code: string; message: string };
}

/** Audit uploads (POST /audit/upload, GET /admin/audit) on both databases. */
for (const { kind, skip } of dbVariants) {
  describe(`audit uploads [${kind}]`, { skip }, () => {
    let hospital: TestHospital;
    before(async () => {
      hospital = await TestHospital.start(kind, { patients: 1 });
    });
    after(() => hospital.stop());

    const station = () => hospital.workstation(demo.doctor.account, demo.doctor.password);
    const upload = (ws: Workstation, entries: unknown[], deviceId = ws.deviceId) =>
      hospital.request<{ storedThrough: number } & Refusal>('POST', '/audit/upload', { token: ws.token, body: { deviceId, entries } });
    const held = async (deviceId: string) => {
      const rows = await hospital.db.query<AuditEntry & { detail: string }>(
        `SELECT seq, at, user_id AS "userId", session_id AS "sessionId", installation_id AS "deviceId", action, subject, detail,
                prev_hash AS "prevHash", hash
           FROM audit_entries WHERE device_id = $1 ORDER BY seq`,
        [deviceId],
      );
      return rows.map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));
    };
    const assertRefused = (answer: { status: number; body: Refusal }, status: number, code: string, message?: RegExp) => {
      assert.equal(answer.status, status, JSON.stringify(answer.body));
      assert.equal(answer.body.error.code, code);
      if (message) assert.match(answer.body.error.message, message);
    };

    test('a chain is accepted in batches, and the copy the server holds verifies entry for entry', async () => {
      const ws = await station();
      const entries = chain(randomUUID(), 5);
      assert.deepEqual((await upload(ws, entries.slice(0, 3))).body, { storedThrough: 3 });
      assert.deepEqual((await upload(ws, entries.slice(3))).body, { storedThrough: 5 });
      const copy = await held(ws.deviceId);
      assert.deepEqual(copy, entries);
      assert.equal(verifyChain(copy, genesis, sha256), null);

      const admin = await hospital.admin();
      const listed = await hospital.request<{ devices: { deviceId: string }[] }>('GET', '/admin/audit', { token: admin.token });
      assert.equal(listed.status, 200);
      assert.deepEqual(listed.body.devices.find((d) => d.deviceId === ws.deviceId), {
        deviceId: ws.deviceId, deviceName: `${demo.doctor.account}-ws`, installationId: entries[0]!.deviceId,
        entries: 5, lastSeq: 5, lastHash: entries[4]!.hash,
      });
    });

    test('entries the server holds, sent again, are a harmless replay with the same answer', async () => {
      const ws = await station();
      const entries = chain(randomUUID(), 6);
      const first = await upload(ws, entries.slice(0, 4));
      const again = await upload(ws, entries.slice(0, 4));
      assert.deepEqual([first.status, again.status], [200, 200]);
      assert.deepEqual(again.body, first.body);
      assert.deepEqual((await upload(ws, entries.slice(2))).body, { storedThrough: 6 }, 'an overlap with new entries keeps the new ones');
      assert.deepEqual(await held(ws.deviceId), entries);

      // A resend racing the original (its answer was lost): the device's uploads take turns.
      const more = chain(entries[0]!.deviceId, 4, entries[5]);
      const racing = await Promise.all([upload(ws, more), upload(ws, more)]);
      assert.deepEqual(racing.map((answer) => [answer.status, answer.body]), [[200, { storedThrough: 10 }], [200, { storedThrough: 10 }]]);
      assert.equal((await held(ws.deviceId)).length, 10);
    });

    test('a gap, an altered entry, a broken link or a rewritten history is refused, and nothing of the batch is kept', async () => {
      const ws = await station();
      const installationId = randomUUID();
      const entries = chain(installationId, 6);
      assertRefused(await upload(ws, entries.slice(1, 3)), 409, 'AUDIT_CHAIN_BROKEN', /entry 1 is missing/);
      await upload(ws, entries.slice(0, 3));

      assertRefused(await upload(ws, entries.slice(4)), 409, 'AUDIT_CHAIN_BROKEN', /entry 4 is missing/);
      const altered = entries.slice(3).map((e) => (e.seq === 5 ? { ...e, subject: 'patient:someone-else' } : e));
      assertRefused(await upload(ws, altered), 409, 'AUDIT_CHAIN_BROKEN', /entry 5: entry altered/);
      const relinked = chain(installationId, 3, { seq: 3, hash: 'f'.repeat(64) });
      assertRefused(await upload(ws, relinked), 409, 'AUDIT_CHAIN_BROKEN', /entry 4: link to the previous entry broken/);
      const rewritten = chain(installationId, 5, genesis, (seq) => `patient:other-${seq}`);
      assertRefused(await upload(ws, rewritten), 409, 'AUDIT_CHAIN_BROKEN', /entry 1 differs from the one the server already holds/);
      const holeInside = [...entries.slice(3, 4), ...entries.slice(5)];
      assertRefused(await upload(ws, holeInside), 409, 'AUDIT_CHAIN_BROKEN', /entry 5 is missing/);

      assert.deepEqual(await held(ws.deviceId), entries.slice(0, 3), 'only the first good batch is held');
      assert.deepEqual((await upload(ws, entries.slice(3))).body, { storedThrough: 6 }, 'the true chain still continues');
    });

    test("another device's entries, or entries sent for another device, are refused", async () => {
      const a = await station();
      const b = await station();
      const chainOfA = chain(randomUUID(), 3);
      await upload(a, chainOfA);

      assertRefused(await upload(b, chainOfA), 403, 'DEVICE_MISMATCH', /another device/);
      assertRefused(await upload(b, chain(randomUUID(), 2), a.deviceId), 403, 'DEVICE_MISMATCH', /not the device this token/);
      const mixed = [...chain(randomUUID(), 1), ...chain(randomUUID(), 2).slice(1)];
      assertRefused(await upload(b, mixed), 403, 'DEVICE_MISMATCH', /same deviceId/);
      assertRefused(await upload(a, chain(randomUUID(), 4).slice(3)), 403, 'DEVICE_MISMATCH', /another workstation/);
      assert.deepEqual(await held(b.deviceId), []);
      assert.equal((await held(a.deviceId)).length, 3);
    });

    test('a revoked device is refused and nothing it sends is kept; registered again, it uploads its chain anew', async () => {
      const ws = await station();
      const entries = chain(randomUUID(), 4);
      await upload(ws, entries.slice(0, 2));
      const admin = await hospital.admin();
      assert.equal((await hospital.request('POST', `/admin/devices/${ws.deviceId}/revoke`, { token: admin.token })).status, 200);
      assertRefused(await upload(ws, entries.slice(2)), 403, 'DEVICE_REVOKED');
      assert.equal((await held(ws.deviceId)).length, 2);

      const renewed = await station();
      assert.deepEqual((await upload(renewed, entries)).body, { storedThrough: 4 }, 'the same installation, under its new device id');
    });

    test('bad input and an oversized batch are refused with a clear error, and nothing is written', async () => {
      const ws = await station();
      const [good] = chain(randomUUID(), 1) as [AuditEntry];
      const { hash: _hash, ...withoutHash } = good;
      const badCases: { entries: unknown[]; field: RegExp }[] = [
        { entries: [], field: /entries/ },
        { entries: [withoutHash], field: /entries\.0\.hash/ },
        { entries: [{ ...good, hash: 'not-a-hash' }], field: /entries\.0\.hash/ },
        { entries: [{ ...good, seq: 0 }], field: /entries\.0\.seq/ },
        { entries: [{ ...good, at: 'yesterday' }], field: /entries\.0\.at/ },
        { entries: [{ ...good, detail: 'text' }], field: /entries\.0\.detail/ },
      ];
      for (const { entries, field } of badCases) assertRefused(await upload(ws, entries), 400, 'INVALID_REQUEST', field);
      assertRefused(await upload(ws, chain(randomUUID(), 501)), 400, 'INVALID_REQUEST', /entries/);
      assertRefused(await hospital.request('POST', '/audit/upload', { body: { deviceId: ws.deviceId, entries: [good] } }), 401, 'UNAUTHENTICATED');
      assertRefused(await hospital.request('GET', '/admin/audit', { token: ws.token }), 403, 'FORBIDDEN');
      assert.deepEqual(await held(ws.deviceId), []);
      assert.deepEqual((await upload(ws, chain(good.deviceId, 500))).body, { storedThrough: 500 }, 'a full batch fits');
    });
  });
}
