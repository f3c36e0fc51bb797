import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dbVariants } from '../test-support/databases';
import { TestHospital, type Workstation } from '../test-support/hospital';

const codeOf = (body: unknown) => (body as { error?: { code: string } }).error?.code;

for (const { kind, skip } of dbVariants) {
  describe(`change password at next sign-in [${kind}]`, { skip }, () => {
    let hospital: TestHospital;
    let admin: Workstation;
    before(async () => {
      hospital = await TestHospital.start(kind, { patients: 5 });
      admin = await hospital.admin();
    });
    after(() => hospital.stop());

    const create = async (account: string, password: string) => {
      const created = await hospital.request<{ account: { id: string } }>('POST', '/admin/accounts', {
        token: admin.token, body: { account, password, displayName: account, roles: ['physician'], department: 'cardiology', licenceNo: `L-${account}` },
      });
      assert.equal(created.status, 201);
      return created.body.account.id;
    };
    const verifierGrants = async (userId: string) =>
      hospital.db.query<{ device_id: string; live: boolean }>(`SELECT device_id, revoked_at IS NULL AS live FROM offline_verifiers WHERE user_id = $1 ORDER BY device_id`, [userId]);

    test('an account an admin created gets a token that only changes the password, and no offline verifier', async () => {
      const userId = await create('must.change', 'set-by-the-admin-1');
      const device = await hospital.registerDevice('must-change-ws');
      await hospital.approve(device.id);
      const signIn = await hospital.signIn(device, 'must.change', 'set-by-the-admin-1');
      assert.equal(signIn.status, 200);
      assert.deepEqual({ required: signIn.body['passwordChangeRequired' as never], verifier: signIn.body['offlineVerifier' as never] }, { required: true, verifier: false });
      assert.deepEqual(await verifierGrants(userId), [], 'no verifier is granted until the change');
      for (const [method, url] of [['GET', '/sync/pull?cursor=0&limit=1'], ['GET', '/auth/me'], ['GET', '/auth/offline-verifiers']] as const) {
        const refused = await hospital.request(method, url, { token: signIn.body.token });
        assert.deepEqual([refused.status, codeOf(refused.body)], [403, 'PASSWORD_CHANGE_REQUIRED'], url);
      }

      const wrongOld = await hospital.request('POST', '/auth/password', { token: signIn.body.token, body: { oldPassword: 'not-the-password', newPassword: 'my-own-password-1' } });
      assert.deepEqual([wrongOld.status, codeOf(wrongOld.body)], [401, 'BAD_CREDENTIALS']);
      const same = await hospital.request('POST', '/auth/password', { token: signIn.body.token, body: { oldPassword: 'set-by-the-admin-1', newPassword: 'set-by-the-admin-1' } });
      assert.deepEqual([same.status, codeOf(same.body)], [400, 'INVALID_REQUEST']);
      const short = await hospital.request('POST', '/auth/password', { token: signIn.body.token, body: { oldPassword: 'set-by-the-admin-1', newPassword: 'short' } });
      assert.deepEqual([short.status, codeOf(short.body)], [400, 'INVALID_REQUEST']);
      const unsigned = await hospital.request('POST', '/auth/password', { token: signIn.body.token, body: { oldPassword: 'set-by-the-admin-1', newPassword: 'my-own-password-1' }, signWith: null });
      assert.equal(unsigned.status, 401, 'the request proof is required');
      const [{ must }] = (await hospital.db.query<{ must: boolean }>(`SELECT must_change_password AS must FROM users WHERE id = $1`, [userId])) as [{ must: boolean }];
      assert.equal(must, true, 'nothing changed by a refused request');

      const changed = await hospital.request('POST', '/auth/password', { token: signIn.body.token, body: { oldPassword: 'set-by-the-admin-1', newPassword: 'my-own-password-1' } });
      assert.deepEqual([changed.status, changed.body], [200, { changed: true }]);
      assert.equal((await hospital.request('GET', '/auth/me', { token: signIn.body.token })).status, 401, 'the change ends the token');
      assert.equal((await hospital.signIn(device, 'must.change', 'set-by-the-admin-1')).status, 401, 'the admin-set password is gone');
      const again = await hospital.signIn(device, 'must.change', 'my-own-password-1');
      assert.equal(again.status, 200);
      assert.deepEqual({ required: again.body['passwordChangeRequired' as never], verifier: again.body['offlineVerifier' as never] }, { required: false, verifier: true });
      assert.equal((await hospital.request('GET', '/sync/pull?cursor=0&limit=1', { token: again.body.token })).status, 200);

      const actions = await hospital.db.query<{ admin_id: string; device_id: string; action: string; detail: Record<string, unknown> }>(
        `SELECT admin_id, device_id, action, detail FROM admin_actions WHERE subject = $1 ORDER BY seq`, [`user:${userId}`],
      );
      assert.deepEqual(actions.map((a) => a.action), ['account.create', 'account.password-change']);
      assert.deepEqual(actions[1], { admin_id: userId, device_id: device.id, action: 'account.password-change', detail: { required: true, verifiersRevoked: 0 } });
      assert.doesNotMatch(JSON.stringify(actions), /my-own-password|set-by-the-admin/);
    });

    test("an admin's reset requires a change again, and the change revokes the verifiers the old password made", async () => {
      const userId = await hospital.createAccount('reset.me', ['physician'], 'cardiology', 'chosen-password-1');
      const device = await hospital.registerDevice('reset-me-ws');
      await hospital.approve(device.id);
      const signIn = await hospital.signIn(device, 'reset.me', 'chosen-password-1');
      assert.equal(signIn.body['passwordChangeRequired' as never], false);
      assert.ok((await verifierGrants(userId)).some((v) => v.device_id === device.id && v.live));

      // A user may change their own password any time; that too ends every verifier.
      const voluntary = await hospital.request('POST', '/auth/password', { token: signIn.body.token, body: { oldPassword: 'chosen-password-1', newPassword: 'chosen-password-2' } });
      assert.equal(voluntary.status, 200);
      assert.ok((await verifierGrants(userId)).every((v) => !v.live), 'the old password stops working offline');

      const reset = await hospital.request('PATCH', `/admin/accounts/${userId}`, { token: admin.token, body: { password: 'admin-reset-pass-1' } });
      assert.equal(reset.status, 200);
      const afterReset = await hospital.signIn(device, 'reset.me', 'admin-reset-pass-1');
      assert.equal(afterReset.body['passwordChangeRequired' as never], true);
      assert.equal(afterReset.body['offlineVerifier' as never], false);
    });
  });
}
