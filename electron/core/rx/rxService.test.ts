import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson } from '../../../shared/domain/canonical';
import { withoutSignature } from '../../../shared/rx/document';
import { Mutation } from '../../../shared/sync/wire';
import { verifyDocument } from '../signing/signer';
import { auditLog } from '../store/audit';
import { outboxTable } from '../store/outbox';
import { doctor, pharmacist, seededCore } from '../testing/fixtures';
import { caller, informedOf, item, patientWith } from './rxTestKit';

const start = Date.parse('2026-11-26T02:00:00Z');
let clock = start;
const core = await seededCore(200, { now: () => clock });
const doc = caller(core, 'doc');
await doc.ok('auth:signIn', doctor);
const af = patientWith(core, 'I48');
const htn = patientWith(core, 'I10');

function submits() {
  return outboxTable(core.db).all().filter((e) => e.mutation.kind === 'prescription.submit');
}

test('a clean ordinary prescription raises nothing, signs, and is queued with a valid signature', async () => {
  const visit = await doc.ok('rx:visit:open', { patientId: htn.id });
  const draft = visit.drafts[0]!;
  const saved = await doc.ok('rx:draft:save', { draftId: draft.id, content: { ...draft.content, items: [item('amlodipine', 5, 'mg', 'qd', 28, htn.icd10)] } });
  assert.deepEqual(saved.check.alerts, []);
  const preview = await doc.ok('rx:sign:preview', { draftId: draft.id });
  assert.deepEqual(preview.problems, []);
  assert.equal(preview.highAlert, false);
  assert.deepEqual(preview.document.items.map((i) => [i.drugCode, i.quantity, i.quantityUnit]), [['amlodipine', 28, 'tablet']]);

  const signed = await doc.ok('rx:sign', { draftId: draft.id, digest: preview.digest });
  assert.equal(signed.status, 'queued');
  assert.equal(signed.id, draft.id);
  const mine = submits().filter((e) => e.mutation.kind === 'prescription.submit' && e.mutation.payload.id === draft.id);
  assert.equal(mine.length, 1);
  const mutation = Mutation.parse(mine[0]!.mutation);
  assert.equal(mutation.kind, 'prescription.submit');
  if (mutation.kind !== 'prescription.submit') return;
  assert.ok(mutation.payload.signature);
  assert.equal(verifyDocument(withoutSignature(mutation.payload), mutation.payload.signature), true);
  // The visit's encounter travels first, in the same outbox.
  const kinds = outboxTable(core.db).all().map((e) => e.mutation.kind);
  assert.ok(kinds.indexOf('encounter.add') < kinds.indexOf('prescription.submit'));
  assert.equal(auditLog(core.db).verify().ok, true);
  const entries = core.db.prepare(`SELECT action, subject, session_id FROM audit_log WHERE subject = ?`).all(`prescription:${draft.id}`) as { action: string; session_id: string }[];
  assert.deepEqual(entries.map((e) => e.action), ['prescription.sign']);
  assert.ok(entries[0]!.session_id);
  // A signed draft is closed, and a second sign of it is refused.
  assert.equal(await doc.code('rx:sign', { draftId: draft.id, digest: preview.digest }), 'CONFLICT');
});

test('warfarin + aspirin: the interaction needs a reason, the high-alert drug a password at signing', async () => {
  const visit = await doc.ok('rx:visit:open', { patientId: af.id });
  const draft = visit.drafts[0]!;
  const items = [item('warfarin', 3, 'mg', 'qd', 28, af.icd10), item('aspirin', 100, 'mg', 'qd', 28, af.icd10)];
  const saved = await doc.ok('rx:draft:save', { draftId: draft.id, content: { ...draft.content, items } });
  const codes = saved.check.alerts.map((a) => `${a.code}:${a.severity}`).sort();
  // The AF patient is over 65: Beers 2023 advises against starting warfarin for AF unless DOACs are contraindicated.
  // No eGFR is recorded, and the aspirin label contraindicates it in severe renal failure: the renal check says it could not run.
  assert.deepEqual(codes, ['ELDERLY:override', 'HIGH_ALERT:info', 'INTERACTION:override', 'RENAL:info']);
  const interaction = saved.check.alerts.find((a) => a.code === 'INTERACTION')!;
  const elderly = saved.check.alerts.find((a) => a.code === 'ELDERLY')!;
  assert.deepEqual(interaction.items.map((r) => r.uid).sort(), items.map((i) => i.uid).sort());

  let preview = await doc.ok('rx:sign:preview', { draftId: draft.id });
  assert.equal(await doc.code('rx:sign', { draftId: draft.id, digest: preview.digest, password: doctor.password }), 'CHECKS_UNRESOLVED');

  await doc.ok('rx:draft:save', { draftId: draft.id, content: { ...draft.content, items, overrides: { [interaction.key]: '机械瓣膜置换术后，心内科评估需联用', [elderly.key]: '机械瓣膜，直接口服抗凝药禁忌' } } });
  assert.equal(await doc.code('rx:sign', { draftId: draft.id, digest: preview.digest, password: doctor.password }), 'CONFLICT', 'the draft changed since it was shown');
  preview = await doc.ok('rx:sign:preview', { draftId: draft.id });
  assert.deepEqual(preview.problems, []);
  assert.equal(preview.highAlert, true);
  assert.equal(await doc.code('rx:sign', { draftId: draft.id, digest: preview.digest }), 'STEP_UP_REQUIRED');
  assert.equal(await doc.code('rx:sign', { draftId: draft.id, digest: preview.digest, password: 'wrong' }), 'BAD_CREDENTIALS');
  assert.equal(await doc.code('rx:sign', { draftId: draft.id, digest: preview.digest, password: doctor.password }), 'PATIENT_NOT_INFORMED');
  const signed = await doc.ok('rx:sign', { draftId: draft.id, digest: preview.digest, password: doctor.password, informed: informedOf(preview) });
  assert.equal(signed.status, 'queued');
  assert.deepEqual(signed.overrides.map((o) => [o.code, o.reason]).sort(), [['ELDERLY', '机械瓣膜，直接口服抗凝药禁忌'], ['INTERACTION', '机械瓣膜置换术后，心内科评估需联用']]);
  assert.equal(submits().filter((e) => e.mutation.kind === 'prescription.submit' && e.mutation.payload.id === draft.id).length, 1);
});

test('the signed warfarin is an active medication for the next visit: aspirin alone now interacts', async () => {
  const visit = await doc.ok('rx:visit:open', { patientId: af.id });
  assert.equal(visit.signed.length, 0, 'a new visit');
  assert.ok(visit.context.activeMedications.some((m) => m.drug === 'warfarin'));
  const draft = visit.drafts[0]!;
  const saved = await doc.ok('rx:draft:save', { draftId: draft.id, content: { ...draft.content, items: [item('clopidogrel', 75, 'mg', 'qd', 28, af.icd10)] } });
  assert.ok(saved.check.alerts.some((a) => a.code === 'INTERACTION'), JSON.stringify(saved.check.alerts.map((a) => a.code)));
  await doc.ok('rx:draft:discard', { draftId: draft.id });
});

test('a 6th drug blocks the prescription; split into a second one, the visit is checked across both', async () => {
  const visit = await doc.ok('rx:visit:open', { patientId: htn.id });
  const first = visit.drafts[0]!;
  const six = [
    item('amlodipine', 5, 'mg', 'qd', 28, htn.icd10), item('losartan', 50, 'mg', 'qd', 28, htn.icd10), item('atorvastatin', 20, 'mg', 'qn', 28, htn.icd10),
    item('metoprolol', 47.5, 'mg', 'qd', 28, htn.icd10), item('hydrochlorothiazide', 12.5, 'mg', 'qd', 28, htn.icd10), item('warfarin', 3, 'mg', 'qd', 28, htn.icd10),
  ];
  const saved = await doc.ok('rx:draft:save', { draftId: first.id, content: { ...first.content, items: six } });
  assert.ok(saved.check.alerts.some((a) => a.code === 'ITEM_COUNT' && a.severity === 'block'));
  await doc.ok('rx:draft:save', { draftId: first.id, content: { ...first.content, items: six.slice(0, 5) } });
  const split = await doc.ok('rx:draft:add', { patientId: htn.id, encounterId: visit.encounterId, content: { ...first.content, items: [six[5]!, item('aspirin', 100, 'mg', 'qd', 28, htn.icd10)] } });
  assert.equal(split.drafts.length, 2);
  assert.ok(!split.check.alerts.some((a) => a.code === 'ITEM_COUNT'));
  const across = split.check.alerts.filter((a) => a.code === 'INTERACTION' && new Set(a.items.map((r) => r.prescriptionId)).size === 1);
  assert.ok(across.length >= 1, 'warfarin + aspirin inside the second prescription');
  for (const d of split.drafts) await doc.ok('rx:draft:discard', { draftId: d.id });
});

test('drafts survive a restart, and belong to their author', async () => {
  const visit = await doc.ok('rx:visit:open', { patientId: htn.id });
  const draft = visit.drafts[0]!;
  await doc.ok('rx:draft:save', { draftId: draft.id, content: { ...draft.content, items: [item('losartan', 50, 'mg', 'qd', 28, htn.icd10)] } });
  const other = caller(core, 'doc2');
  await other.ok('auth:signIn', { account: 'doctor2', password: 'doctor2-demo-2026' });
  assert.equal(await other.code('rx:draft:save', { draftId: draft.id, content: draft.content }), 'NOT_FOUND');
  const { createCore } = await import('../core');
  const reopened = createCore({ dataDir: core.dataDir, key: core.key, log: () => {}, now: () => clock, facePolicy: { passwordOnlySigning: true } });
  try {
    const again = caller(reopened, 'doc');
    await again.ok('auth:signIn', doctor);
    const resumed = await again.ok('rx:visit:open', { patientId: htn.id });
    assert.equal(resumed.drafts[0]!.id, draft.id);
    assert.equal(resumed.drafts[0]!.content.items[0]!.drug, 'losartan');
  } finally {
    await reopened.close();
  }
  await doc.ok('rx:draft:discard', { draftId: draft.id });
});

test('validity beyond the day of issue needs a reason; a long one is refused', async () => {
  const visit = await doc.ok('rx:visit:open', { patientId: htn.id });
  const draft = visit.drafts[0]!;
  const items = [item('amlodipine', 5, 'mg', 'qd', 28, htn.icd10)];
  await doc.ok('rx:draft:save', { draftId: draft.id, content: { ...draft.content, items, validity: { days: 3, reason: null } } });
  let preview = await doc.ok('rx:sign:preview', { draftId: draft.id });
  assert.equal(preview.problems.length, 1);
  await doc.ok('rx:draft:save', { draftId: draft.id, content: { ...draft.content, items, validity: { days: 3, reason: '患者外地取药' } } });
  preview = await doc.ok('rx:sign:preview', { draftId: draft.id });
  assert.deepEqual(preview.problems, []);
  assert.equal(preview.document.lastValidDay, '2026-11-28');
  assert.equal(await doc.code('rx:draft:save', { draftId: draft.id, content: { ...draft.content, validity: { days: 4, reason: 'x' } } }), 'INVALID_REQUEST');
  const signed = await doc.ok('rx:sign', { draftId: draft.id, digest: preview.digest, password: doctor.password });
  assert.equal(signed.validityDays, 3);
  assert.equal(signed.lastValidDay, '2026-11-28');
});

test('a void needs a reason, queues behind an unsent submit, is recorded, and cannot be repeated', async () => {
  const [queued] = (await doc.ok('rx:list', { patientId: htn.id })).prescriptions.filter((p) => p.status === 'queued');
  assert.ok(queued);
  assert.equal(await doc.code('rx:void', { prescriptionId: queued.id, reason: ' ' }), 'INVALID_REQUEST');
  const voided = await doc.ok('rx:void', { prescriptionId: queued.id, reason: '患者已在线下取药' });
  assert.equal(voided.status, 'void');
  assert.equal(voided.voidedFromStatus, 'queued');
  const entries = outboxTable(core.db).all();
  const submitAt = entries.findIndex((e) => e.mutation.kind === 'prescription.submit' && e.mutation.payload.id === queued.id);
  const voidAt = entries.findIndex((e) => e.mutation.kind === 'prescription.void' && e.mutation.payload.prescriptionId === queued.id);
  assert.ok(submitAt >= 0 && voidAt > submitAt, 'the signed document goes first, its void right behind it');
  assert.deepEqual([entries[submitAt]!.state, entries[voidAt]!.state], ['pending', 'pending']);
  const voidEntry = entries[voidAt]!.mutation;
  assert.deepEqual(voidEntry.kind === 'prescription.void' && voidEntry.payload, { prescriptionId: queued.id, reason: '患者已在线下取药' });
  assert.equal(await doc.code('rx:void', { prescriptionId: queued.id, reason: 'again' }), 'CONFLICT');
  assert.equal(core.db.prepare(`SELECT count(*) AS n FROM prescriptions WHERE id = ?`).get(queued.id) !== undefined, true, 'nothing deleted');
});

test('a void after approval is recorded as such', async () => {
  const [rx] = (await doc.ok('rx:list', { patientId: af.id })).prescriptions.filter((p) => p.status === 'queued');
  core.db.prepare(`UPDATE prescriptions SET status = 'approved' WHERE id = ?`).run(rx!.id); // as the feed would
  const voided = await doc.ok('rx:void', { prescriptionId: rx!.id, reason: '患者出现皮下出血，停用' });
  assert.equal(voided.voidedFromStatus, 'approved');
  assert.equal(voided.status, 'void');
});

test('a returned prescription is revised as a new version linked to it, with the reason', async () => {
  clock += 60_000;
  const visit = await doc.ok('rx:visit:open', { patientId: htn.id });
  const draft = visit.drafts[0]!;
  await doc.ok('rx:draft:save', { draftId: draft.id, content: { ...draft.content, items: [item('losartan', 50, 'mg', 'qd', 28, htn.icd10)] } });
  const preview = await doc.ok('rx:sign:preview', { draftId: draft.id });
  const original = await doc.ok('rx:sign', { draftId: draft.id, digest: preview.digest, password: doctor.password });
  assert.equal(await doc.code('rx:revise', { prescriptionId: original.id, reason: '调整剂量' }), 'CONFLICT', 'only a returned one');
  core.db.prepare(`UPDATE prescriptions SET status = 'returned' WHERE id = ?`).run(original.id); // the pharmacist returned it
  assert.equal(await doc.code('rx:revise', { prescriptionId: original.id, reason: '' }), 'INVALID_REQUEST');
  const revision = await doc.ok('rx:revise', { prescriptionId: original.id, reason: '按药师意见改为氯沙坦 100 mg' });
  const newDraft = revision.drafts.find((d) => d.previousId === original.id)!;
  assert.equal(newDraft.content.items[0]!.drug, 'losartan');
  await doc.ok('rx:draft:save', { draftId: newDraft.id, content: { ...newDraft.content, items: [{ ...newDraft.content.items[0]!, doseValue: 100 }] } });
  const p2 = await doc.ok('rx:sign:preview', { draftId: newDraft.id });
  const v2 = await doc.ok('rx:sign', { draftId: newDraft.id, digest: p2.digest, password: doctor.password });
  assert.equal(v2.previousId, original.id);
  assert.equal(v2.revisionReason, '按药师意见改为氯沙坦 100 mg');
  const listed = (await doc.ok('rx:list', { patientId: htn.id })).prescriptions.find((p) => p.id === original.id)!;
  assert.equal(listed.revisedBy, v2.id);
  assert.equal(listed.status, 'returned', 'the old version is kept as it was');
});

test('signing waits when the device has not synced for more than 72 hours', async () => {
  core.db.prepare(`INSERT INTO sync_state (key, value) VALUES ('last_success_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(new Date(clock - 73 * 3_600_000).toISOString());
  try {
    const visit = await doc.ok('rx:visit:open', { patientId: htn.id });
    const draft = visit.drafts[0]!;
    await doc.ok('rx:draft:save', { draftId: draft.id, content: { ...draft.content, items: [item('amlodipine', 5, 'mg', 'qd', 28, htn.icd10)] } });
    const preview = await doc.ok('rx:sign:preview', { draftId: draft.id });
    assert.equal(await doc.code('rx:sign', { draftId: draft.id, digest: preview.digest, password: doctor.password }), 'SYNC_REQUIRED');
    await doc.ok('rx:draft:discard', { draftId: draft.id });
  } finally {
    core.db.prepare(`DELETE FROM sync_state WHERE key = 'last_success_at'`).run();
  }
});

test('what enters the outbox is exactly what was signed', () => {
  for (const entry of submits()) {
    if (entry.mutation.kind !== 'prescription.submit') continue;
    const stored = core.db.prepare(`SELECT signed_payload FROM prescriptions WHERE id = ?`).get(entry.mutation.payload.id) as { signed_payload: string };
    assert.equal(canonicalJson(entry.mutation.payload), canonicalJson(JSON.parse(stored.signed_payload)));
    assert.equal(verifyDocument(withoutSignature(entry.mutation.payload), entry.mutation.payload.signature!), true);
  }
});

test('the rx channels validate their input and roles at the boundary', async () => {
  const visit = await doc.ok('rx:visit:open', { patientId: htn.id });
  const draft = visit.drafts[0]!;
  for (const [channel, payload] of [
    ['rx:search', { query: 'x'.repeat(41) }],
    ['rx:search', { query: 'ald', limit: 0 }],
    ['rx:draft:save', { draftId: draft.id, content: { ...draft.content, extra: true } }],
    ['rx:draft:save', { draftId: draft.id, content: { ...draft.content, items: [{ ...item('amlodipine', -5, 'mg', 'qd', 28, 'I10') }] } }],
    ['rx:draft:save', { draftId: draft.id, content: { ...draft.content, items: [{ ...item('amlodipine', 5, 'mg', 'qd', 28, 'I10'), route: 'mouth' }] } }],
    ['rx:sign', { draftId: draft.id, digest: 'not-a-digest' }],
    ['rx:sign', { draftId: draft.id, digest: 'a'.repeat(64), password: '' }],
    ['rx:void', { prescriptionId: draft.id }],
    ['rx:revise', { prescriptionId: draft.id, reason: 'x'.repeat(501) }],
  ] as const) {
    assert.equal(await doc.code(channel, payload), 'INVALID_REQUEST', `${channel} ${JSON.stringify(payload).slice(0, 80)}`);
  }
  const ph = caller(core, 'ph');
  await ph.ok('auth:signIn', pharmacist);
  assert.equal(await ph.code('rx:sign', { draftId: draft.id, digest: 'a'.repeat(64) }), 'FORBIDDEN');
  assert.equal(await ph.code('rx:visit:open', { patientId: htn.id }), 'FORBIDDEN');
  assert.equal(await ph.code('rx:list', { patientId: htn.id }), 'ok');
  assert.equal(await caller(core, 'nobody').code('rx:search', { query: 'ald' }), 'UNAUTHENTICATED');
  assert.equal(await doc.code('rx:visit:open', { patientId: 'no-such-patient' }), 'NOT_FOUND');
  const hits = await doc.ok('rx:search', { query: 'aldp' });
  assert.equal(hits.hits[0]!.drug.code, 'amlodipine');
  assert.equal((await doc.ok('rx:search', { query: '华法' })).hits[0]!.drug.code, 'warfarin');
  assert.equal((await doc.ok('rx:search', { query: 'warf' })).hits[0]!.drug.highAlert, true);
});
