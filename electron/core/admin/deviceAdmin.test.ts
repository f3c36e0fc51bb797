import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Mutation } from '../../../shared/sync/wire';
import { outboxTable } from '../store/outbox';
import { admin, doctor, pharmacist, seededCore } from '../testing/fixtures';

const core = await seededCore(40);
const call = async <T>(channel: string, payload: unknown, connection: string): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }> =>
  (await core.dispatch(channel, payload, connection)) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
const outbox = outboxTable(core.db);
const adminChannels = ['admin:device', 'admin:outbox:release', 'admin:outbox:export', 'admin:device:reregister'];

await call('auth:signIn', admin, 'c-admin');
await call('auth:signIn', doctor, 'c-doctor');
await call('auth:signIn', pharmacist, 'c-pharmacist');

/** Three allergy adds by the physician: one refused for good by the server, all then quarantined. */
async function strandSomeChanges(): Promise<{ held: string; quarantined: string[] }> {
  const patients = core.db.prepare<[], { id: string }>(`SELECT id FROM patients ORDER BY id LIMIT 3`).all();
  for (const [i, { id }] of patients.entries()) {
    const added = await call('allergies:add', { patientId: id, allergen: `admin-test-allergen-${i}`, reaction: '皮疹' }, 'c-doctor');
    assert.equal(added.ok, true, JSON.stringify(added));
  }
  const [first, ...rest] = outbox.all().filter((e) => e.state === 'pending').map((e) => e.mutation.mutationId);
  outbox.hold(first!, 'FORBIDDEN: outside the user scope');
  outbox.quarantineAll('this device has been revoked by an administrator');
  return { held: first!, quarantined: rest };
}

const auditActions = (action: string) =>
  core.db.prepare<[string], { user_id: string; session_id: string | null; detail: string }>(
    `SELECT user_id, session_id, detail FROM audit_log WHERE action = ? ORDER BY seq`,
  ).all(action);

test('physicians and pharmacists are refused every admin channel; without a session, nobody gets in', async () => {
  for (const channel of adminChannels) {
    for (const connection of ['c-doctor', 'c-pharmacist']) {
      const answer = await call(channel, {}, connection);
      assert.equal(answer.ok ? 'ok' : answer.error.code, 'FORBIDDEN', `${channel} as ${connection}`);
    }
    const anonymous = await call(channel, {}, 'c-nobody');
    assert.equal(anonymous.ok ? 'ok' : anonymous.error.code, 'UNAUTHENTICATED', channel);
    const extra = await call(channel, { everything: true }, 'c-admin');
    assert.equal(extra.ok ? 'ok' : extra.error.code, 'INVALID_REQUEST', channel);
  }
});

test('the device view lists held and quarantined changes by ids only, and says no server is configured', async () => {
  const { held, quarantined } = await strandSomeChanges();
  const view = await call<{ link: string | null; localId: string; counts: Record<string, number>; items: { mutationId: string; state: string; kind: string; patientId: string | null }[] }>('admin:device', {}, 'c-admin');
  assert.ok(view.ok);
  assert.equal(view.value.link, null, 'no hospital server on this workstation');
  assert.deepEqual(view.value.counts, { pending: 0, held: 1, quarantined: 2 });
  assert.deepEqual(view.value.items.map((i) => [i.mutationId, i.state]), [[held, 'held'], ...quarantined.map((id) => [id, 'quarantined'])]);
  assert.ok(view.value.items.every((i) => i.kind === 'allergy.add' && i.patientId));
  assert.doesNotMatch(JSON.stringify(view.value), /admin-test-allergen|皮疹/, 'no clinical free text');
});

test('export holds exactly the held and quarantined mutations, valid on the wire, and is audited', async () => {
  const stranded = outbox.needingAdmin().map((e) => e.mutation.mutationId);
  const exported = await call<{ format: string; exportedAt: string; exportedBy: string; device: { localId: string }; entries: { mutation: unknown; authorId: string }[] }>('admin:outbox:export', {}, 'c-admin');
  assert.ok(exported.ok);
  const { value } = exported;
  assert.equal(value.format, 'caredesk.outbox-export/1');
  assert.ok(!Number.isNaN(Date.parse(value.exportedAt)));
  const localId = core.db.prepare<[], { value: string }>(`SELECT value FROM sync_state WHERE key = 'device.local_id'`).get()!.value;
  assert.equal(value.device.localId, localId);
  const mutations = value.entries.map((e) => Mutation.parse(e.mutation));
  assert.deepEqual(mutations.map((m) => m.mutationId), stranded);
  assert.deepEqual(mutations, outbox.needingAdmin().map((e) => e.mutation), 'exactly as the worker would push them');
  const [audit] = auditActions('admin.outbox-export');
  const adminId = core.db.prepare<[], { id: string }>(`SELECT id FROM users WHERE account = 'admin'`).get()!.id;
  assert.equal(audit?.user_id, adminId);
  assert.equal(value.exportedBy, adminId);
  assert.ok(audit?.session_id, 'the admin session is named');
  assert.deepEqual(JSON.parse(audit.detail), { mutationIds: stranded });
});

test('release puts quarantined changes back to pending, leaves held ones held, and is audited', async () => {
  const released = await call<{ released: number }>('admin:outbox:release', {}, 'c-admin');
  assert.deepEqual(released, { ok: true, value: { released: 2 } });
  assert.deepEqual(outbox.counts(), { pending: 2, held: 1, quarantined: 0 });
  const [audit] = auditActions('admin.outbox-release');
  assert.deepEqual(JSON.parse(audit!.detail), { released: 2 });
  assert.ok(audit?.session_id);
  const again = await call<{ released: number }>('admin:outbox:release', {}, 'c-admin');
  assert.deepEqual(again, { ok: true, value: { released: 0 } }, 'nothing left to release');
});

test('registering again needs a server that revoked this device', async () => {
  const answer = await call('admin:device:reregister', {}, 'c-admin');
  assert.equal(answer.ok ? 'ok' : answer.error.code, 'CONFLICT');
  assert.equal(auditActions('admin.device-reregister').length, 0, 'nothing written');
});
