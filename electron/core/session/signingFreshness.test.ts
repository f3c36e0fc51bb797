import assert from 'node:assert/strict';
import { test } from 'node:test';
import { doctor, seededCore } from '../testing/fixtures';
import { AppFailure } from '../../../shared/result';
import { usersTable } from '../store/users';
import { deviceIdentity } from '../device/deviceIdentity';
import { offlineSignIn } from './offlineSignIn';
import { defaultFacePolicy } from './facePolicy';
import { SessionService } from './sessionService';
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

test('maySign: fresh verification for signing, one made by the sign request for high-alert drugs', async () => {
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
  const decide = (highAlert: boolean, verifiedInRequest = false, d = device) => {
    const r = sessions.maySign(session, { verificationNow: highAlert, verifiedInRequest, device: d });
    return r.ok ? 'ok' : r.code;
  };
  assert.equal(decide(false), 'ok', 'signed in a moment ago');
  assert.equal(decide(true), 'STEP_UP_REQUIRED', 'high-alert needs a verification at the moment of signing');
  assert.equal(decide(true, true), 'ok');
  clock += 6 * 60_000;
  assert.equal(decide(false), 'STEP_UP_REQUIRED', 'the sign-in is no longer fresh');

  await assert.rejects(sessions.reverify('c1', 'wrong-password'), (e: unknown) => e instanceof AppFailure && e.code === 'BAD_CREDENTIALS');
  assert.equal(decide(false), 'STEP_UP_REQUIRED', 'a wrong password changes nothing');
  assert.ok(sessions.current('c1'), 'and does not end the session');
  await sessions.reverify('c1', doctor.password);
  assert.equal(decide(false), 'ok');

  assert.equal(decide(false, false, { lastSuccessAt: new Date(clock - 73 * 3_600_000).toISOString(), serverConfigured: true }), 'SYNC_REQUIRED');
  users.upsert({ ...users.byAccount('doctor')!, suspended: true });
  assert.equal(decide(false), 'ACCOUNT_SUSPENDED');
});
