import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demo, startClinic } from './testing/clinic';

const clinic = await startClinic('pglite', 30);

test('a new workstation waits for approval, then downloads its physician\'s department', async () => {
  const ws = await clinic.workstation(demo.doctor);
  const departments = ws.query<{ department: string }>('SELECT DISTINCT department FROM patients');
  assert.deepEqual(departments, [{ department: 'cardiology' }]);
  const [{ n }] = ws.query<{ n: number }>('SELECT count(*) AS n FROM patients') as [{ n: number }];
  const [server] = await clinic.hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM patients WHERE department = 'cardiology'`);
  assert.equal(n, server!.n);
  const search = (await ws.call('patients:search', { query: '' })) as { ok: boolean; value: { patients: unknown[] } };
  assert.equal(search.value.patients.length, Math.min(50, n));
  const status = (await ws.call('sync:status', {})) as { value: { link: string; pending: number; lastSuccessAt: string | null } };
  assert.equal(status.value.link, 'online');
  assert.equal(status.value.pending, 0);
  assert.ok(status.value.lastSuccessAt);
});

test('a change made offline waits in the outbox and arrives once when the link returns', async () => {
  const a = await clinic.workstation(demo.doctor);
  const b = await clinic.workstation(demo.doctor);
  const [patient] = a.query<{ id: string }>(`SELECT id FROM patients ORDER BY id LIMIT 1`) as [{ id: string }];

  a.link.setOnline(false);
  const added = (await a.call('allergies:add', { patientId: patient.id, allergen: 'latex', reaction: '接触性皮炎' })) as { ok: boolean };
  assert.equal(added.ok, true);
  await a.sync();
  const offline = (await a.call('sync:status', {})) as { value: { link: string; pending: number } };
  assert.deepEqual({ link: offline.value.link, pending: offline.value.pending }, { link: 'offline', pending: 1 });
  assert.equal(a.query(`SELECT 1 FROM allergies WHERE patient_id = ? AND allergen = 'latex'`, patient.id).length, 1, 'visible locally at once');

  await b.call('allergies:add', { patientId: patient.id, allergen: 'tetracyclines', reaction: '荨麻疹' });
  await b.sync();

  a.link.setOnline(true);
  await a.sync();
  await b.sync();

  for (const ws of [a, b]) {
    const allergens = ws.query<{ allergen: string }>(
      `SELECT allergen FROM allergies WHERE patient_id = ? AND allergen IN ('latex', 'tetracyclines') ORDER BY allergen`,
      patient.id,
    );
    assert.deepEqual(allergens.map((r) => r.allergen), ['latex', 'tetracyclines']);
    assert.equal(ws.query(`SELECT 1 FROM outbox`).length, 0, 'outbox drained');
  }
  const onServer = await clinic.hospital.db.query<{ allergen: string }>(
    `SELECT allergen FROM allergies WHERE patient_id = $1 AND allergen IN ('latex', 'tetracyclines') ORDER BY allergen`,
    [patient.id],
  );
  assert.deepEqual(onServer.map((r) => r.allergen), ['latex', 'tetracyclines'], 'each add once on the server');
});

test('two offline edits of the same phone: the server orders them and keeps the loser as a visible conflict', async () => {
  const a = await clinic.workstation(demo.doctor);
  const b = await clinic.workstation(demo.doctor);
  const [patient] = a.query<{ id: string }>(`SELECT id FROM patients ORDER BY id DESC LIMIT 1`) as [{ id: string }];
  a.link.setOnline(false);
  b.link.setOnline(false);
  await a.call('patients:setContact', { patientId: patient.id, field: 'phone', value: '13900000001' });
  await b.call('patients:setContact', { patientId: patient.id, field: 'phone', value: '13900000002' });
  b.link.setOnline(true);
  await b.sync();
  a.link.setOnline(true);
  await a.sync();
  await b.sync();

  for (const ws of [a, b]) {
    assert.deepEqual(ws.query(`SELECT phone FROM patients WHERE id = ?`, patient.id), [{ phone: '13900000002' }], 'the first to arrive wins the field');
    const conflicts = ws.query<{ server_value: string; client_value: string; status: string }>(
      `SELECT server_value, client_value, status FROM conflicts WHERE entity_id = ?`,
      patient.id,
    );
    assert.deepEqual(conflicts, [{ server_value: '13900000002', client_value: '13900000001', status: 'open' }], 'both values kept');
  }
});

test('a push whose answer is lost is sent again and applied once', async () => {
  const a = await clinic.workstation(demo.doctor);
  const [patient] = a.query<{ id: string }>(`SELECT id FROM patients ORDER BY id LIMIT 1 OFFSET 2`) as [{ id: string }];
  await a.call('allergies:add', { patientId: patient.id, allergen: 'chlorhexidine', reaction: '荨麻疹' });
  a.link.cutResponsesAfter(10);
  await a.sync();
  assert.equal(a.query(`SELECT 1 FROM outbox`).length, 1, 'the answer never came: still waiting');
  a.link.cutResponsesAfter(null);
  await a.sync();
  assert.equal(a.query(`SELECT 1 FROM outbox`).length, 0);
  const onServer = await clinic.hospital.db.query(`SELECT 1 FROM allergies WHERE patient_id = $1 AND allergen = 'chlorhexidine'`, [patient.id]);
  assert.equal(onServer.length, 1);
  assert.equal(a.query(`SELECT 1 FROM allergies WHERE patient_id = ? AND allergen = 'chlorhexidine'`, patient.id).length, 1);
});

test('two physicians share a workstation: each reads only the patients of their own scope', async () => {
  const ws = await clinic.workstation(demo.doctor);
  const other = 'c-doctor2';
  assert.equal(((await ws.core.dispatch('auth:signIn', demo.doctor2, other)) as { ok: boolean }).ok, true);
  await ws.sync();

  const departments = (connection: string) =>
    ws.core.dispatch('patients:search', { query: '', limit: 200 }, connection).then((result) => {
      if (!result.ok) throw new Error(result.error.message);
      return [...new Set((result.value as { patients: { department: string }[] }).patients.map((p) => p.department))];
    });
  assert.deepEqual(await departments(ws.connection), ['cardiology']);
  assert.deepEqual(await departments(other), ['endocrinology']);

  const [endocrine] = ws.query<{ id: string }>(`SELECT id FROM patients WHERE department = 'endocrinology' LIMIT 1`) as [{ id: string }];
  const refused = (await ws.call('patients:summary', { patientId: endocrine.id })) as { ok: boolean; error?: { code: string } };
  assert.equal(refused.error?.code, 'NOT_FOUND', 'cached on the device, but outside the cardiologist\'s scope');
  const allowed = await ws.core.dispatch('patients:summary', { patientId: endocrine.id }, other);
  assert.equal(allowed.ok, true);
});

test('a physician moved to another department sees the new one after the next sync, and no longer the old', async () => {
  const account = 'mover';
  await clinic.hospital.createAccount(account, ['physician'], 'cardiology', 'mover-password-1');
  const ws = await clinic.workstation({ account, password: 'mover-password-1' });
  const departments = async () => {
    const result = (await ws.call('patients:search', { query: '', limit: 200 })) as { value: { patients: { department: string }[] } };
    return [...new Set(result.value.patients.map((p) => p.department))];
  };
  assert.deepEqual(await departments(), ['cardiology']);

  const admin = await clinic.hospital.admin();
  const [{ id }] = await clinic.hospital.db.query<{ id: string }>(`SELECT id FROM users WHERE account = $1`, [account]) as [{ id: string }];
  const moved = await clinic.hospital.request('PATCH', `/admin/accounts/${id}`, { token: admin.token, body: { department: 'endocrinology' } });
  assert.equal(moved.status, 200);
  await ws.sync();
  assert.deepEqual(await departments(), ['endocrinology']);
});

test('a phone number corrected before it synced: the correction wins on the server, with no conflict', async () => {
  const a = await clinic.workstation(demo.doctor);
  const [patient] = a.query<{ id: string }>(`SELECT id FROM patients ORDER BY id LIMIT 1 OFFSET 4`) as [{ id: string }];
  a.link.setOnline(false);
  await a.call('patients:setContact', { patientId: patient.id, field: 'phone', value: '1390000000' });
  await a.call('patients:setContact', { patientId: patient.id, field: 'phone', value: '13900000009' });
  a.link.setOnline(true);
  await a.sync();
  await a.sync();

  const [onServer] = await clinic.hospital.db.query<{ phone: string }>(`SELECT phone FROM patients WHERE id = $1`, [patient.id]);
  assert.equal(onServer!.phone, '13900000009', 'the last edit wins');
  assert.deepEqual(await clinic.hospital.db.query(`SELECT 1 FROM conflicts WHERE entity_id = $1`, [patient.id]), [], 'no conflict with oneself');
  assert.deepEqual(a.query(`SELECT phone FROM patients WHERE id = ?`, patient.id), [{ phone: '13900000009' }]);
  assert.deepEqual(a.query(`SELECT 1 FROM conflicts WHERE entity_id = ?`, patient.id), []);
  assert.equal(a.query(`SELECT 1 FROM outbox`).length, 0);
});
