import assert from 'node:assert/strict';
import { subjectOf } from '../../../shared/audit/subjects';
import { test } from 'node:test';
import { genesis, verifyChain, type AuditEntry } from '../../../shared/audit/chain';
import { auditLog, sha256Hex } from '../store/audit';
import { demo, startClinic, type TestWorkstation } from './testing/clinic';

const clinic = await startClinic('pglite', 20);

const serverDeviceId = (ws: TestWorkstation) =>
  ws.query<{ value: string }>(`SELECT value FROM sync_state WHERE key = 'device.server_id'`)[0]!.value;

/** The server's copy of a workstation's audit chain, as the wire carries it. */
async function serverCopy(ws: TestWorkstation): Promise<AuditEntry[]> {
  const rows = await clinic.hospital.db.query<AuditEntry & { detail: string }>(
    `SELECT seq, at, user_id AS "userId", session_id AS "sessionId", installation_id AS "deviceId", action, subject, detail,
            prev_hash AS "prevHash", hash
       FROM audit_entries WHERE device_id = $1 ORDER BY seq`,
    [serverDeviceId(ws)],
  );
  return rows.map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));
}

const localLog = (ws: TestWorkstation) => auditLog(ws.core.db).entriesAfter(0, 100_000);
const firstPatient = (ws: TestWorkstation, offset: number) =>
  ws.query<{ id: string }>(`SELECT id FROM patients ORDER BY id LIMIT 1 OFFSET ?`, offset)[0]!.id;

test("a workstation's actions reach the server after a sync, and the server's copy verifies", async () => {
  const ws = await clinic.workstation(demo.doctor);
  await ws.call('allergies:add', { patientId: firstPatient(ws, 0), allergen: 'latex', reaction: '接触性皮炎' });
  await ws.sync();
  const local = localLog(ws);
  assert.ok(local.some((entry) => entry.action === 'allergy.add'));
  const copy = await serverCopy(ws);
  assert.deepEqual(copy, local, 'every entry, the push of this very round included');
  assert.equal(verifyChain(copy, genesis, sha256Hex), null);
  assert.deepEqual(ws.query(`SELECT value FROM sync_state WHERE key = 'audit.uploaded_seq'`), [
    { value: JSON.stringify({ deviceId: serverDeviceId(ws), seq: local.length }) },
  ]);
});

test('actions taken offline upload, in batches, when the link returns', async () => {
  const ws = await clinic.workstation(demo.doctor);
  const before = (await serverCopy(ws)).length;
  ws.link.setOnline(false);
  await ws.call('allergies:add', { patientId: firstPatient(ws, 1), allergen: 'iodine', reaction: '荨麻疹' });
  // More than one batch's worth: what a long day offline leaves behind.
  const log = auditLog(ws.core.db);
  const deviceActor = { userId: 'system', sessionId: null, deviceId: localLog(ws)[0]!.deviceId };
  ws.core.db.transaction(() => {
    for (let i = 0; i < 600; i++) log.append(deviceActor, 'test.offline', subjectOf.device(`test-${i}`));
  })();
  await ws.sync();
  assert.equal((await serverCopy(ws)).length, before, 'nothing reached the server while offline');

  ws.link.setOnline(true);
  await ws.sync();
  const copy = await serverCopy(ws);
  assert.deepEqual(copy, localLog(ws));
  assert.ok(copy.length > before + 600);
  assert.equal(verifyChain(copy, genesis, sha256Hex), null);
});

test('an entry altered on the workstation is refused by the server, and push and pull go on', async () => {
  const a = await clinic.workstation(demo.doctor);
  const b = await clinic.workstation(demo.doctor);
  const patientId = firstPatient(a, 2);
  await a.call('allergies:add', { patientId, allergen: 'penicillin', reaction: '皮疹' });
  await a.sync();
  const uploaded = (await serverCopy(a)).length;
  assert.ok(uploaded > 0);

  a.link.setOnline(false);
  await a.call('allergies:add', { patientId, allergen: 'sulfonamides', reaction: '皮疹' });
  const [altered] = a.query<{ seq: number }>(`SELECT max(seq) AS seq FROM audit_log WHERE action = 'allergy.add'`) as [{ seq: number }];
  // Behind the store's back, as someone with the key and a SQLite shell could.
  a.core.db.exec('DROP TRIGGER audit_log_no_update');
  a.core.db.prepare(`UPDATE audit_log SET subject = 'patient:someone-else' WHERE seq = ?`).run(altered.seq);
  await b.call('allergies:add', { patientId, allergen: 'aspirin', reaction: '哮喘' });
  await b.sync();

  a.link.setOnline(true);
  await a.sync();
  const status = (await a.call('sync:status', {})) as { value: { link: string; pending: number; auditRefused: string | null } };
  assert.deepEqual({ link: status.value.link, pending: status.value.pending }, { link: 'online', pending: 0 }, 'pushed');
  assert.match(status.value.auditRefused ?? '', /entry altered/, 'the sync indicator tells IT');
  const allergens = a.query<{ allergen: string }>(`SELECT allergen FROM allergies WHERE patient_id = ? AND allergen IN ('aspirin', 'sulfonamides') ORDER BY allergen`, patientId);
  assert.deepEqual(allergens.map((r) => r.allergen), ['aspirin', 'sulfonamides'], 'pulled');
  const onServer = await clinic.hospital.db.query(`SELECT 1 FROM allergies WHERE patient_id = $1 AND allergen = 'sulfonamides'`, [patientId]);
  assert.equal(onServer.length, 1);

  const [refusal] = a.query<{ value: string }>(`SELECT value FROM sync_state WHERE key = 'audit.refusal'`) as [{ value: string }];
  const { code, message } = JSON.parse(refusal.value) as { code: string; message: string };
  assert.equal(code, 'AUDIT_CHAIN_BROKEN');
  assert.match(message, new RegExp(`audit entry ${altered.seq}: entry altered`));
  const copy = await serverCopy(a);
  assert.equal(copy.length, uploaded, 'nothing of the refused batch is held');
  assert.ok(altered.seq > uploaded);
  assert.deepEqual(copy, localLog(a).slice(0, uploaded), 'what was held before stays as it was');
  const [confirmed] = a.query<{ value: string }>(`SELECT value FROM sync_state WHERE key = 'audit.uploaded_seq'`) as [{ value: string }];
  assert.equal((JSON.parse(confirmed.value) as { seq: number }).seq, uploaded, 'the confirmed seq stays where the server left it');
});
