import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { demo, startClinic } from './testing/clinic';

/**
 * Issue 8, item 10, from the workstation's side: its requests are signed with its device key, so
 * a token copied out of its store is useless elsewhere; a clock far off is corrected from the
 * server's answer (never trusted, never silently refused).
 */
const clinic = await startClinic('pglite', 10);

test('a token copied off a workstation is refused without its device key; the workstation itself keeps syncing', async () => {
  const ws = await clinic.workstation(demo.doctor);
  const [{ value }] = ws.query<{ value: string }>(`SELECT value FROM sync_state WHERE key LIKE 'token.%'`) as [{ value: string }];
  const { token } = JSON.parse(value) as { token: string };
  const [patient] = ws.query<{ id: string }>(`SELECT id FROM patients ORDER BY id LIMIT 1`) as [{ id: string }];
  const [deviceId] = ws.query<{ value: string }>(`SELECT value FROM sync_state WHERE key = 'device.server_id'`).map((r) => r.value);
  const count = async () => (await clinic.hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM allergies WHERE allergen = 'copied-token'`))[0]!.n;

  const thief = generateKeyPairSync('ed25519').privateKey;
  const stolen = await clinic.hospital.request<{ error: { code: string } }>('POST', '/sync/push', {
    token, signWith: thief,
    body: { deviceId, batch: [{ mutationId: crypto.randomUUID(), kind: 'allergy.add', clientTime: new Date().toISOString(), payload: { id: crypto.randomUUID(), patientId: patient.id, allergen: 'copied-token', reaction: '皮疹', recordedOn: '2026-01-15' } }] },
  });
  assert.deepEqual([stolen.status, stolen.body.error.code], [401, 'PROOF_WRONG_KEY']);
  const bare = await clinic.hospital.request<{ error: { code: string } }>('GET', '/auth/me', { token, signWith: null });
  assert.deepEqual([bare.status, bare.body.error.code], [401, 'PROOF_REQUIRED']);
  assert.equal(await count(), 0, 'nothing written');

  assert.equal(((await ws.call('allergies:add', { patientId: patient.id, allergen: 'copied-token', reaction: '皮疹' })) as { ok: boolean }).ok, true);
  await ws.sync();
  assert.equal(await count(), 1, 'the workstation, holding the key, pushes it');
});

test('a workstation clock an hour off: the server says so, the workstation signs again with the server\'s time, and syncs', async () => {
  const ws = await clinic.workstation(demo.doctor, { clockOffsetMs: 3_600_000 });
  const status = (await ws.call('sync:status', {})) as { value: { link: string; lastSuccessAt: string | null } };
  assert.equal(status.value.link, 'online');
  assert.ok(status.value.lastSuccessAt, 'the first round succeeded despite the clock');
});
