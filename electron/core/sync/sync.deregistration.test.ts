import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verifyChain, genesis } from '../../../shared/audit/chain';
import { Mutation } from '../../../shared/sync/wire';
import { openQuarantine } from '../admin/quarantineArchive';
import { auditLog, sha256Hex } from '../store/audit';
import { demo, startClinic, type TestWorkstation } from './testing/clinic';

const clinic = await startClinic('pglite', 30);
const passphrase = 'correct horse battery staple';

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
const call = async <T>(ws: TestWorkstation, channel: string, payload: unknown, connection = ws.connection) =>
  (await ws.core.dispatch(channel, payload, connection)) as Answer<T>;
const ok = async <T>(ws: TestWorkstation, channel: string, payload: unknown, connection = ws.connection): Promise<T> => {
  const answer = await call<T>(ws, channel, payload, connection);
  assert.equal(answer.ok, true, `${channel}: ${JSON.stringify(answer)}`);
  return (answer as { value: T }).value;
};
const count = (ws: TestWorkstation, table: string) => ws.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)[0]!.n;
const serverDeviceId = (ws: TestWorkstation) =>
  ws.query<{ value: string }>(`SELECT value FROM sync_state WHERE key = 'device.server_id'`)[0]?.value ?? null;
const cachedTables = ['patients', 'encounters', 'diagnoses', 'allergies', 'prescriptions', 'labs', 'patient_scope'];

test('a revoked workstation wipes its cached copies, keeps its outbox, audit log and drafts, and exports them sealed', async () => {
  const ws = await clinic.workstation(demo.doctor);
  for (const table of cachedTables) assert.ok(count(ws, table) > 0, `${table} was cached before`);
  const patients = ws.query<{ id: string }>(`SELECT id FROM patients ORDER BY id LIMIT 4`);
  // Three changes never sent (the link is down), and a prescription draft, the user's unsigned work.
  ws.link.setOnline(false);
  for (const [i, { id }] of patients.slice(0, 3).entries()) {
    await ok(ws, 'allergies:add', { patientId: id, allergen: `wiped-device-allergen-${i}`, reaction: '皮疹' });
  }
  const draftPatient = patients[3]!.id;
  await ok(ws, 'rx:visit:open', { patientId: draftPatient });
  const unsent = ws.query<{ mutation_id: string }>(`SELECT mutation_id FROM outbox ORDER BY seq`).map((r) => r.mutation_id);
  assert.ok(unsent.length >= 3);
  ws.link.setOnline(true);

  const admin = await clinic.hospital.admin();
  const revokedId = serverDeviceId(ws)!;
  assert.equal((await clinic.hospital.request('POST', `/admin/devices/${revokedId}/revoke`, { token: admin.token })).status, 200);
  const auditBefore = count(ws, 'audit_log');
  await ws.sync();

  for (const table of [...cachedTables.filter((t) => t !== 'patients'), 'emr_records', 'review_decisions', 'recent_patients', 'outbox_settled']) {
    assert.equal(count(ws, table), 0, `${table} wiped`);
  }
  assert.deepEqual(ws.query(`SELECT id FROM patients`), [{ id: draftPatient }], 'only the patient an open draft names stays');
  assert.equal(count(ws, 'prescription_drafts'), 1, 'the draft is kept');
  assert.deepEqual(ws.query<{ state: string }>(`SELECT DISTINCT state FROM outbox`), [{ state: 'quarantined' }]);
  assert.deepEqual(ws.query<{ mutation_id: string }>(`SELECT mutation_id FROM outbox ORDER BY seq`).map((r) => r.mutation_id), unsent, 'nothing dropped');
  assert.ok(count(ws, 'audit_log') > auditBefore, 'the audit log is intact and records the wipe');
  assert.deepEqual(auditLog(ws.core.db).verify(), { ok: true, entries: count(ws, 'audit_log') }, 'the chain still holds');
  const [revocation] = ws.query<{ detail: string }>(`SELECT detail FROM audit_log WHERE action = 'sync.device-revoked' ORDER BY seq LIMIT 1`);
  const detail = JSON.parse(revocation!.detail) as { quarantined: number; wiped: { patients: number; rows: number } };
  assert.equal(detail.quarantined, unsent.length);
  assert.ok(detail.wiped.patients > 0 && detail.wiped.rows > detail.wiped.patients);

  // Nothing leaves for the server while revoked, round after round.
  await ws.sync();
  const onServer = await clinic.hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mutations WHERE id = ANY($1)`, [unsent]);
  assert.deepEqual(onServer, [{ n: 0 }], 'refused for push');
  assert.equal(count(ws, 'outbox'), unsent.length);

  // The admin's sign-in meets the revocation: it registers anew (no offline verifier for admins).
  const pending = await call(ws, 'auth:signIn', demo.admin, 'c-admin');
  assert.equal(pending.ok ? 'ok' : pending.error.code, 'DEVICE_NOT_APPROVED');
  await ok(ws, 'auth:signIn', demo.doctor);
  await clinic.hospital.approve(serverDeviceId(ws)!);
  await ok(ws, 'auth:signIn', demo.admin, 'c-admin');

  // Clearing before an export is refused, and changes nothing.
  const early = await call(ws, 'admin:quarantine:clear', {}, 'c-admin');
  assert.equal(early.ok ? 'ok' : early.error.code, 'QUARANTINE_NOT_EXPORTED');
  assert.equal(count(ws, 'outbox'), unsent.length);

  const exported = await ok<{ archive: unknown; mutations: number; auditEntries: number }>(ws, 'admin:quarantine:export', { passphrase }, 'c-admin');
  assert.doesNotMatch(JSON.stringify(exported.archive), /wiped-device-allergen|皮疹/, 'sealed: no clinical text in the clear');
  await assert.rejects(openQuarantine(exported.archive, 'not the passphrase'), (e: Error & { code?: string }) => e.code === 'ARCHIVE_UNREADABLE');
  const contents = await openQuarantine(exported.archive, passphrase);
  const ids = contents.outbox.map((e) => Mutation.parse(e.mutation).mutationId);
  assert.deepEqual([...ids].sort(), [...unsent].sort(), 'every unsent mutation');
  assert.equal(new Set(ids).size, ids.length, 'each exactly once');
  assert.equal(exported.mutations, unsent.length);
  // The whole chain, verifiable on its own, ending with the entry that records this export.
  assert.equal(contents.audit.length, count(ws, 'audit_log'));
  assert.equal(verifyChain(contents.audit, genesis, sha256Hex), null);
  assert.equal(contents.audit.at(-1)!.action, 'admin.quarantine-export');
  assert.deepEqual(contents.audit.at(-1)!.detail, { mutationIds: unsent });

  // The admin may now clear, or release to the new registration; here: release one path, the other
  // is covered below. Re-registration works: the physician's next round downloads the scope again.
  await ok(ws, 'auth:signIn', demo.doctor);
  await ws.sync();
  assert.ok(count(ws, 'encounters') > 0 && count(ws, 'patients') > 1, 'the new registration pulls its scope from the start');
  assert.equal(ws.query(`SELECT 1 FROM outbox WHERE state = 'quarantined'`).length, unsent.length, 'still quarantined until the admin acts');

  const cleared = await ok<{ cleared: number }>(ws, 'admin:quarantine:clear', {}, 'c-admin');
  assert.deepEqual(cleared, { cleared: unsent.length });
  assert.equal(count(ws, 'outbox'), 0);
  const actions = ws.query<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'admin.quarantine-%' ORDER BY seq`).map((a) => a.action);
  assert.deepEqual(actions, ['admin.quarantine-export', 'admin.quarantine-clear']);
});

test('a change stranded after the last export must be exported before the quarantine clears', async () => {
  const ws = await clinic.workstation(demo.doctor);
  const [first, second] = ws.query<{ id: string }>(`SELECT id FROM patients ORDER BY id LIMIT 2`);
  const admin = await clinic.hospital.admin();
  /** A change made offline, then the device revoked before it could push it. */
  const strand = async (patientId: string, allergen: string) => {
    ws.link.setOnline(false);
    await ok(ws, 'allergies:add', { patientId, allergen, reaction: '皮疹' });
    ws.link.setOnline(true);
    assert.equal((await clinic.hospital.request('POST', `/admin/devices/${serverDeviceId(ws)!}/revoke`, { token: admin.token })).status, 200);
    await ws.sync();
    await call(ws, 'auth:signIn', demo.admin, 'c-admin');
    await ok(ws, 'auth:signIn', demo.doctor);
    await clinic.hospital.approve(serverDeviceId(ws)!);
    await ok(ws, 'auth:signIn', demo.admin, 'c-admin');
  };
  await strand(first!.id, 'first-stranded');
  await ok(ws, 'admin:quarantine:export', { passphrase }, 'c-admin');
  // The new registration is revoked too, before the patient's second change left.
  await ok(ws, 'auth:signIn', demo.doctor);
  await ws.sync();
  await strand(second?.id ?? first!.id, 'second-stranded');
  assert.equal(count(ws, 'outbox'), 2);

  const refused = await call(ws, 'admin:quarantine:clear', {}, 'c-admin');
  assert.equal(refused.ok ? 'ok' : refused.error.code, 'QUARANTINE_NOT_EXPORTED');
  assert.equal(count(ws, 'outbox'), 2, 'nothing cleared');
  await ok(ws, 'admin:quarantine:export', { passphrase }, 'c-admin');
  assert.deepEqual(await ok(ws, 'admin:quarantine:clear', {}, 'c-admin'), { cleared: 2 });
});

test('the archive passphrase must be long, and only an admin exports or clears', async () => {
  const ws = await clinic.workstation(demo.doctor);
  const short = await call(ws, 'admin:quarantine:export', { passphrase: 'short' });
  assert.equal(short.ok ? 'ok' : short.error.code, 'FORBIDDEN', 'a physician is refused before validation');
  for (const channel of ['admin:quarantine:export', 'admin:quarantine:clear']) {
    const answer = await call(ws, channel, channel.endsWith('export') ? { passphrase } : {});
    assert.equal(answer.ok ? 'ok' : answer.error.code, 'FORBIDDEN', channel);
  }
});
