import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HospitalSettingRow } from '../../shared/sync/rows';
import { dbVariants } from '../test-support/databases';
import { demo, TestHospital, type Workstation } from '../test-support/hospital';

const errorOf = (body: unknown) => (body as { error: { code: string; message: string } }).error;
type Account = { id: string; account: string; roles: string[]; suspended: boolean; reviewer: { title: string; dispensingYears: number; trainingPassed: boolean } | null };
type Action = { adminId: string; deviceId: string; action: string; subject: string; detail: Record<string, unknown>; at: string };

const pharmacist = (account: string) => ({
  account, password: `${account}-password-1`, displayName: '药师甲', roles: ['pharmacist'], department: 'pharmacy', licenceNo: 'PH-2026-001',
  reviewer: { title: 'pharmacist-in-charge', dispensingYears: 5, trainingPassed: true },
});

for (const { kind, skip } of dbVariants) {
  describe(`admin console routes [${kind}]`, { skip }, () => {
    let hospital: TestHospital;
    let admin: Workstation;
    before(async () => {
      hospital = await TestHospital.start(kind, { patients: 5 });
      admin = await hospital.admin();
    });
    after(() => hospital.stop());

    const actions = async () => (await hospital.request<{ actions: Action[] }>('GET', '/admin/actions?limit=500', { token: admin.token })).body.actions;

    test('an admin creates a pharmacist with a reviewer qualification, and the action names the admin, the device and the time', async () => {
      const created = await hospital.request<{ account: Account }>('POST', '/admin/accounts', { token: admin.token, body: pharmacist('ph.new') });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual(created.body.account.reviewer, { title: 'pharmacist-in-charge', dispensingYears: 5, trainingPassed: true });
      const listed = await hospital.request<{ accounts: Account[] }>('GET', '/admin/accounts', { token: admin.token });
      assert.equal(listed.body.accounts.find((a) => a.account === 'ph.new')?.reviewer?.dispensingYears, 5);
      const [action] = (await actions()).filter((a) => a.subject === `user:${created.body.account.id}`);
      assert.ok(action);
      assert.equal(action.action, 'account.create');
      assert.equal(action.adminId, admin.userId);
      assert.equal(action.deviceId, admin.deviceId);
      assert.ok(Math.abs(Date.parse(action.at) - hospital.clock) < 5_000, 'at the server time');
      assert.doesNotMatch(JSON.stringify(action.detail), /password/i, 'the password is never recorded');
    });

    test('bad accounts are refused with the field named, and nothing is written', async () => {
      const before = (await actions()).length;
      const cases: [unknown, RegExp][] = [
        [{ ...pharmacist('short.pw'), password: 'short' }, /password: at least 10 characters/],
        [{ ...pharmacist('bad name!') }, /account: letters, digits/],
        [{ ...pharmacist('no.roles'), roles: [] }, /roles/],
        [{ ...pharmacist('doc.reviewer'), roles: ['physician'] }, /only a pharmacist can hold a reviewer qualification/],
        [{ ...pharmacist('bad.years'), reviewer: { title: 'pharmacist', dispensingYears: -1, trainingPassed: true } }, /reviewer.dispensingYears/],
      ];
      for (const [body, message] of cases) {
        const answer = await hospital.request('POST', '/admin/accounts', { token: admin.token, body });
        assert.equal(answer.status, 400, JSON.stringify(body));
        assert.equal(errorOf(answer.body).code, 'INVALID_REQUEST');
        assert.match(errorOf(answer.body).message, message);
      }
      const taken = await hospital.request('POST', '/admin/accounts', { token: admin.token, body: pharmacist('ph.new') });
      assert.equal(taken.status, 409);
      assert.equal((await actions()).length, before, 'no refused call is recorded as done');
      const rows = await hospital.db.query(`SELECT 1 FROM users WHERE account IN ('short.pw', 'no.roles', 'doc.reviewer', 'bad.years')`);
      assert.equal(rows.length, 0);
    });

    test('suspend ends the account at once, reinstate lets it sign in again, and a password reset ends its tokens', async () => {
      const doctor = await hospital.workstation(demo.doctor.account, demo.doctor.password, 'doc-admin-ws');
      const suspended = await hospital.request<{ account: Account }>('PATCH', `/admin/accounts/${doctor.userId}`, { token: admin.token, body: { suspended: true } });
      assert.equal(suspended.status, 200, JSON.stringify(suspended.body));
      assert.equal(suspended.body.account.suspended, true);
      const refused = await hospital.request('GET', '/sync/pull?cursor=0&limit=1', { token: doctor.token });
      assert.ok([401, 403].includes(refused.status), 'the suspended account token is dead');
      const signIn = await hospital.signIn(doctor.device, demo.doctor.account, demo.doctor.password);
      assert.equal(errorOf(signIn.body).code, 'ACCOUNT_SUSPENDED');

      await hospital.request('PATCH', `/admin/accounts/${doctor.userId}`, { token: admin.token, body: { suspended: false } });
      const again = await hospital.signIn(doctor.device, demo.doctor.account, demo.doctor.password);
      assert.equal(again.status, 200, 'reinstated');

      const reset = await hospital.request('PATCH', `/admin/accounts/${doctor.userId}`, { token: admin.token, body: { password: 'a-new-password-2026' } });
      assert.equal(reset.status, 200);
      assert.equal((await hospital.request('GET', '/sync/pull?cursor=0&limit=1', { token: again.body.token })).status, 401, 'the reset ends the session');
      assert.equal((await hospital.signIn(doctor.device, demo.doctor.account, demo.doctor.password)).status, 401, 'the old password is gone');
      assert.equal((await hospital.signIn(doctor.device, demo.doctor.account, 'a-new-password-2026')).status, 200);

      const trail = (await actions()).filter((a) => a.subject === `user:${doctor.userId}`).map((a) => a.action).reverse();
      assert.deepEqual(trail, ['account.suspend', 'account.reinstate', 'account.update']);
      assert.deepEqual((await actions()).find((a) => a.subject === `user:${doctor.userId}` && a.action === 'account.update')?.detail, { passwordReset: true });
    });

    test('an admin cannot suspend themselves, nor revoke the device they use', async () => {
      const self = await hospital.request('PATCH', `/admin/accounts/${admin.userId}`, { token: admin.token, body: { suspended: true } });
      assert.equal(self.status, 409);
      const ownDevice = await hospital.request('POST', `/admin/devices/${admin.deviceId}/revoke`, { token: admin.token });
      assert.equal(ownDevice.status, 409);
    });

    test('device approval and revocation are recorded', async () => {
      const device = await hospital.registerDevice('ward-3');
      assert.equal((await hospital.request('POST', `/admin/devices/${device.id}/approve`, { token: admin.token })).status, 200);
      assert.equal((await hospital.request('POST', `/admin/devices/${device.id}/revoke`, { token: admin.token })).status, 200);
      const trail = (await actions()).filter((a) => a.subject === `device:${device.id}`).map((a) => a.action).reverse();
      assert.deepEqual(trail, ['device.approve', 'device.revoke']);
    });

    test('a hospital face policy is stored, versioned, audited and published to every device in the feed', async () => {
      const initial = await hospital.request<{ face: unknown; review: { value: { leaseMs: number } }; audit: { value: { clinicalRecordYears: number } } }>('GET', '/admin/settings', { token: admin.token });
      assert.equal(initial.status, 200);
      assert.equal(initial.body.face, null, 'no hospital face policy until an admin sets one');
      assert.equal(initial.body.review.value.leaseMs, 10 * 60_000);
      assert.equal(initial.body.audit.value.clinicalRecordYears, 15);

      const policy = { threshold: 0.75, liveness: 'challenge', idleLockMs: 120_000, freshVerificationMs: 180_000, lockoutAttempts: 4, lockoutMs: 600_000, passwordOnlySigning: false };
      const first = await hospital.request<{ face: { value: unknown; version: number } }>('PUT', '/admin/settings/face', { token: admin.token, body: policy });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.deepEqual(first.body.face.value, policy);
      const second = await hospital.request<{ face: { version: number } }>('PUT', '/admin/settings/face', { token: admin.token, body: { ...policy, idleLockMs: 60_000 } });
      assert.equal(second.body.face.version, first.body.face.version + 1);

      const doctor = await hospital.workstation(demo.doctor2.account, demo.doctor2.password, 'doc2-settings-ws');
      const { changes } = await hospital.pullAll(doctor);
      const rows = changes.filter((c) => c.table === 'hospital_settings').map((c) => HospitalSettingRow.parse(c.row));
      // The feed keeps every change in order; a physician's device gets them too, and the last is the latest.
      assert.deepEqual(rows.map((r) => [r.id, r.version, (JSON.parse(r.value) as { idleLockMs: number }).idleLockMs]), [['face', 1, 120_000], ['face', 2, 60_000]]);

      const trail = (await actions()).filter((a) => a.subject === 'setting:face');
      assert.equal(trail.length, 2);
      assert.equal((trail[0]!.detail.after as { idleLockMs: number }).idleLockMs, 60_000);
      assert.equal((trail[0]!.detail.before as { idleLockMs: number }).idleLockMs, 120_000);
    });

    test('settings below the floors are refused with the reason, and nothing changes', async () => {
      const before = await hospital.request('GET', '/admin/settings', { token: admin.token });
      const cases: [string, unknown, RegExp][] = [
        ['audit', { clinicalRecordYears: 10, processRecordYears: 3 }, /clinical records are kept at least 15 years/],
        ['audit', { clinicalRecordYears: 15, processRecordYears: 1 }, /process records are kept at least 3 years/],
        ['face', { threshold: 0.2, liveness: 'challenge', idleLockMs: 60_000, freshVerificationMs: 60_000, lockoutAttempts: 5, lockoutMs: 60_000, passwordOnlySigning: false }, /threshold may not be below/],
        ['review', { leaseMs: 1000 }, /leaseMs/],
        ['review', { amberMs: 2 * 60 * 60_000 }, /amber wait must be shorter than the red one/],
        ['review', { unknownField: 1 }, /unknownField|Unrecognized/i],
      ];
      for (const [key, body, message] of cases) {
        const answer = await hospital.request('PUT', `/admin/settings/${key}`, { token: admin.token, body });
        assert.equal(answer.status, 400, `${key} ${JSON.stringify(body)}`);
        assert.match(errorOf(answer.body).message, message);
      }
      assert.equal((await hospital.request('PUT', '/admin/settings/colour', { token: admin.token, body: {} })).status, 400);
      assert.deepEqual((await hospital.request('GET', '/admin/settings', { token: admin.token })).body, before.body);
    });

    test('the review lease and audit retention change, and the review queue uses the new lease', async () => {
      const answer = await hospital.request<{ review: { value: { leaseMs: number; redMs: number } }; audit: { value: { clinicalRecordYears: number } } }>('PUT', '/admin/settings/review', { token: admin.token, body: { leaseMs: 5 * 60_000 } });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.review.value.leaseMs, 5 * 60_000);
      assert.equal(answer.body.review.value.redMs, 60 * 60_000, 'other review settings keep their values');
      const retention = await hospital.request<{ audit: { value: { clinicalRecordYears: number } } }>('PUT', '/admin/settings/audit', { token: admin.token, body: { clinicalRecordYears: 30, processRecordYears: 5 } });
      assert.equal(retention.body.audit.value.clinicalRecordYears, 30);
      const { reviewSettings } = await import('../review/settings');
      assert.equal((await reviewSettings(hospital.db)).leaseMs, 5 * 60_000, 'the server review code reads the admin setting');
    });

    test('the record of admin actions cannot be edited or deleted', async () => {
      await assert.rejects(hospital.db.query(`UPDATE admin_actions SET action = 'nothing'`), /append-only/);
      await assert.rejects(hospital.db.query(`DELETE FROM admin_actions`), /append-only/);
      assert.ok((await actions()).length > 0);
    });

    test('every admin route refuses a physician, and one without a token', async () => {
      const doctor = await hospital.workstation(demo.doctor2.account, demo.doctor2.password, 'doc2-forbidden-ws');
      const routes: ['GET' | 'PUT' | 'POST' | 'PATCH', string, unknown][] = [
        ['GET', '/admin/settings', undefined],
        ['PUT', '/admin/settings/face', {}],
        ['GET', '/admin/actions', undefined],
        ['GET', '/admin/accounts', undefined],
        ['POST', '/admin/accounts', pharmacist('x.y')],
        ['PATCH', `/admin/accounts/${doctor.userId}`, { suspended: true }],
      ];
      for (const [method, url, body] of routes) {
        assert.equal((await hospital.request(method, url, { token: doctor.token, ...(body === undefined ? {} : { body }) })).status, 403, `${method} ${url}`);
        assert.equal((await hospital.request(method, url, body === undefined ? {} : { body })).status, 401, `${method} ${url} without a token`);
      }
    });
  });
}
