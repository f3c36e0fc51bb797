import assert from 'node:assert/strict';
import { test } from 'node:test';
import { doctor, seededCore } from '../testing/fixtures';
import { AppFailure } from '../../../shared/result';
import { usersTable } from '../store/users';
import { deviceIdentity } from '../device/deviceIdentity';
import { offlineSignIn } from './offlineSignIn';
import { defaultFacePolicy } from './facePolicy';
import { SessionService, type SignedAct } from './sessionService';
import { syncAllowsSigning, type DeviceSyncFacts } from './signingFreshness';

const now = Date.parse('2026-11-26T08:00:00Z');
const hoursAgo = (h: number) => new Date(now - h * 3_600_000).toISOString();

test('a device signs only within 72 h of its last successful sync', () => {
  assert.equal(syncAllowsSigning({ lastSuccessAt: hoursAgo(71), serverConfigured: true }, now), true);
  assert.equal(syncAllowsSigning({ lastSuccessAt: hoursAgo(72), serverConfigured: true }, now), true);
  assert.equal(syncAllowsSigning({ lastSuccessAt: hoursAgo(73), serverConfigured: true }, now), false);
  assert.equal(syncAllowsSigning({ lastSuccessAt: hoursAgo(73), serverConfigured: false }, now), false);
  assert.equal(syncAllowsSigning({ lastSuccessAt: 'garbage', serverConfigured: true }, now), false);
});

test('never synced: allowed only without a server (a stand-alone store); with one, signing waits for the first sync', () => {
  assert.equal(syncAllowsSigning({ lastSuccessAt: null, serverConfigured: false }, now), true);
  assert.equal(syncAllowsSigning({ lastSuccessAt: null, serverConfigured: true }, now), false);
});

test('maySign: fresh verification for signing a prescription or a record, one made by the request for high-alert drugs and review decisions', async () => {
  let clock = now;
  const core = await seededCore(3, { now: () => clock });
  const users = usersTable(core.db);
  // A site that allows password-only signing: the password is the step-up (issue 9, FacePolicy).
  const policy = { ...defaultFacePolicy, idleLockMs: 3_600_000, passwordOnlySigning: true };
  const deviceId = deviceIdentity(core.db).localId;
  const sessions = new SessionService({
    users,
    offline: offlineSignIn(core.db, deviceId, () => clock),
    policy: () => policy,
    now: () => clock,
    enrolled: () => false,
    audit: () => {},
    deviceId,
  });
  await sessions.signIn('c1', doctor.account, doctor.password);
  const session = sessions.current('c1')!;
  const device: DeviceSyncFacts = { lastSuccessAt: null, serverConfigured: false };
  const decide = (highAlert: boolean, verifiedInRequest = false, d = device, act: SignedAct = { kind: 'prescription', highAlert }) => {
    const r = sessions.maySign(session, act, { verifiedInRequest, device: d });
    return r.ok ? 'ok' : r.code;
  };
  const record: SignedAct = { kind: 'record' };
  const reviewDecision: SignedAct = { kind: 'review-decision' };
  assert.equal(decide(false), 'ok', 'signed in a moment ago');
  assert.equal(decide(true), 'STEP_UP_REQUIRED', 'high-alert needs a verification at the moment of signing');
  assert.equal(decide(true, true), 'ok');
  assert.equal(decide(false, false, device, record), 'ok', 'an outpatient record asks for a fresh verification, as an ordinary prescription');
  assert.equal(decide(false, false, device, reviewDecision), 'STEP_UP_REQUIRED', 'a review decision needs one made for it');
  assert.equal(decide(false, true, device, reviewDecision), 'ok');
  clock += 6 * 60_000;
  assert.equal(decide(false), 'STEP_UP_REQUIRED', 'the sign-in is no longer fresh');
  assert.equal(decide(false, false, device, record), 'STEP_UP_REQUIRED', 'nor for a record');

  await assert.rejects(sessions.reverify('c1', 'wrong-password'), (e: unknown) => e instanceof AppFailure && e.code === 'BAD_CREDENTIALS');
  assert.equal(decide(false), 'STEP_UP_REQUIRED', 'a wrong password changes nothing');
  assert.ok(sessions.current('c1'), 'and does not end the session');
  await sessions.reverify('c1', doctor.password);
  assert.equal(decide(false), 'ok');

  assert.equal(decide(false, false, { lastSuccessAt: new Date(clock - 73 * 3_600_000).toISOString(), serverConfigured: true }), 'SYNC_REQUIRED');
  users.upsert({ ...users.byAccount('doctor')!, suspended: true });
  assert.equal(decide(false), 'ACCOUNT_SUSPENDED');
  assert.equal(decide(false, false, device, record), 'ACCOUNT_SUSPENDED');
});
