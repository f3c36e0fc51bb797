/**
 * No template here (or no camera): the password opens a read-only session (issue 9). It reads
 * charts; every channel the contract marks `requiresVerifiedSession` refuses it, in one place
 * (dispatch -> SessionService.authorise). The marked channels are enumerated from the contract, so a
 * channel marked later is covered here or this test says which sample request it lacks.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { amoxicillinRash } from '../../../shared/adr/adrTestKit';
import { emptyDraftContent } from '../../../shared/rx/draft';
import { channels, contract, requiresVerifiedSession, type Channel } from '../../../shared/ipc';
import { caller } from '../rx/rxTestKit';
import { admin, doctor, pharmacist, seededCore } from '../testing/fixtures';

const core = await seededCore(40, { facePolicy: {} });
const patientId = core.db.prepare<[], { id: string }>(`SELECT id FROM patients LIMIT 1`).get()!.id;
const digest = 'a'.repeat(64);

/** A request each marked channel accepts as valid, so the refusal is the session's, not the schema's. */
const samples: Partial<Record<Channel, unknown>> = {
  'allergies:add': { patientId, allergen: 'penicillin', reaction: 'rash' },
  'allergies:setStatus': { allergyId: 'a-1', status: 'removed', reason: 'entered in error' },
  'diagnoses:setStatus': { diagnosisId: 'd-1', status: 'resolved', reason: 'entered in error' },
  'patients:setContact': { patientId, field: 'phone', value: '13800000000' },
  'rx:visit:open': { patientId },
  'face:roaming:set': { userId: 'u-1', consent: null },
  'adr:record': { patientId, report: amoxicillinRash },
  'emr:draft:start': { patientId, templateUrl: 'http://caredesk.cn/fhir/Questionnaire/hypertension-follow-up' },
  'emr:draft:save': { draftId: '1d6c2f7e-3b4a-4e5f-8a9b-0c1d2e3f4a5b', answers: {} },
  'emr:draft:discard': { draftId: '1d6c2f7e-3b4a-4e5f-8a9b-0c1d2e3f4a5b' },
  'emr:sign': { draftId: '1d6c2f7e-3b4a-4e5f-8a9b-0c1d2e3f4a5b', faceAttemptId: '2e7d3a8f-4c5b-4f60-9b0c-1d2e3f4a5b6c' },
  'emr:amend': { recordId: '3f8e4b90-5d6c-4071-8c1d-2e3f4a5b6c7d', reason: 'typo in the history' },
  'rx:draft:add': { encounterId: 'e-1', patientId },
  'rx:draft:save': { draftId: 'd-1', content: emptyDraftContent({ kind: 'follow-up', chiefComplaint: '', emergency: false, guardianPresent: null }) },
  'rx:draft:discard': { draftId: 'd-1' },
  'rx:sign': { draftId: 'd-1', digest, faceAttemptId: 'f-1' },
  'rx:void': { prescriptionId: 'rx-1', reason: 'wrong patient' },
  'rx:revise': { prescriptionId: 'rx-1', reason: 'dose change' },
  'review:claim': { requestId: '6f1c1b1e-5d1a-4c3e-9a43-0c1d2e3f4a5b', prescriptionId: '0b6f4c52-9f7e-4d3a-8e21-5a6b7c8d9e0f' },
  'review:decide': {
    decisionId: '7a2d3c4b-6e5f-4a1b-8c9d-0e1f2a3b4c5d',
    prescriptionId: '0b6f4c52-9f7e-4d3a-8e21-5a6b7c8d9e0f',
    decision: 'approve',
    faceAttemptId: 'f-1',
  },
};

test('a clinical account without a face template gets a read-only session by password', async () => {
  const doc = caller(core, 'c-doc');
  const session = await doc.ok('auth:signIn', doctor);
  assert.deepEqual([session.mode, session.verifiedBy, session.locked], ['read-only', 'password', false]);
  assert.equal((await doc.ok('auth:current', {}))?.mode, 'read-only');
});

test('a read-only session reads charts and is refused on every marked channel, changing nothing', async () => {
  const marked = channels.filter(requiresVerifiedSession);
  assert.ok(marked.length >= 10, `marked: ${marked.join(', ')}`);
  for (const [who, role, connection] of [[doctor, 'physician', 'c-ro-doc'], [pharmacist, 'pharmacist', 'c-ro-pharm']] as const) {
    const c = caller(core, connection);
    await c.ok('auth:signIn', who);
    assert.ok((await c.ok('patients:search', { query: '' })).patients.length > 0);
    await c.ok('patients:summary', { patientId });
    await c.ok('rx:list', { patientId });
    const before = core.db.prepare(`SELECT (SELECT count(*) FROM outbox) + (SELECT count(*) FROM audit_log) AS n`).get();
    for (const channel of marked) {
      assert.ok(channel in samples, `no sample request for the marked channel ${channel}`);
      const result = await core.dispatch(channel, samples[channel], connection);
      const code = result.ok ? 'ok' : result.error.code;
      // Another role's channel is refused by role first; either way nothing runs.
      const access = contract[channel].access;
      const roleAllowed = access !== 'public' && (access as readonly string[]).includes(role);
      assert.equal(code, roleAllowed ? 'READ_ONLY_SESSION' : 'FORBIDDEN', channel);
    }
    assert.deepEqual(core.db.prepare(`SELECT (SELECT count(*) FROM outbox) + (SELECT count(*) FROM audit_log) AS n`).get(), before);
  }
});

test('an admin (no clinical role) signs in by password to a full session; openReadOnly needs a pending sign-in', async () => {
  const desk = caller(core, 'c-admin');
  const session = await desk.ok('auth:signIn', admin);
  assert.equal(session.mode, 'full');
  assert.equal(await caller(core, 'c-none').code('auth:openReadOnly', {}), 'FACE_NO_PENDING_SIGN_IN');
});

test('password-only signing is a site policy: with it, the same account gets a full session', async () => {
  const site = await seededCore(5, { facePolicy: { passwordOnlySigning: true } });
  assert.equal((await caller(site, 'c').ok('auth:signIn', doctor)).mode, 'full');
});
