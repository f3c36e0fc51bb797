import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { ApiError } from '../../shared/sync/wire';
import { dbVariants } from '../test-support/databases';
import { demo, m, patientOf, TestHospital, type Workstation } from '../test-support/hospital';

const tables = ['users', 'devices', 'tokens', 'patients', 'allergies', 'encounters', 'diagnoses', 'prescriptions', 'mutations', 'changes', 'conflicts'];

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  token?: 'doctor' | 'admin' | 'garbage';
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  status: number;
  code: string;
}

/** Bad input to every route: a 4xx with a clear JSON error, and nothing written. */
for (const { kind, skip } of dbVariants) {
  describe(`bad input [${kind}]`, { skip }, () => {
    let hospital: TestHospital;
    let doctor: Workstation;
    let admin: Workstation;
    let patientId: string;
    before(async () => {
      hospital = await TestHospital.start(kind, { patients: 10 });
      doctor = await hospital.workstation(demo.doctor.account, demo.doctor.password);
      admin = await hospital.admin();
      patientId = (await patientOf(hospital.db, 'cardiology')).id;
    });
    after(() => hospital.stop());

    const rsaKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const push = (batch: unknown, deviceId?: string) => ({ deviceId: deviceId ?? doctor.deviceId, batch });
    const cases = (): Case[] => [
      { name: 'malformed JSON', method: 'POST', url: '/devices/register', rawBody: '{"name": "x", publicKey', status: 400, code: 'INVALID_JSON' },
      { name: 'wrong types', method: 'POST', url: '/devices/register', body: { name: 42, publicKey: ['a'] }, status: 400, code: 'INVALID_REQUEST' },
      { name: 'an RSA key', method: 'POST', url: '/devices/register', body: { name: 'x', publicKey: rsaKey }, status: 400, code: 'INVALID_REQUEST' },
      { name: 'not a key', method: 'POST', url: '/devices/register', body: { name: 'x', publicKey: 'AAAA' }, status: 400, code: 'INVALID_REQUEST' },
      { name: 'text/plain body', method: 'POST', url: '/devices/register', rawBody: 'hello', headers: { 'content-type': 'text/plain' }, status: 400, code: 'INVALID_REQUEST' },
      { name: 'unknown device', method: 'POST', url: '/auth/challenge', body: { deviceId: crypto.randomUUID() }, status: 404, code: 'NOT_FOUND' },
      { name: 'device id not a uuid', method: 'POST', url: '/auth/challenge', body: { deviceId: "1' OR '1'='1" }, status: 400, code: 'INVALID_REQUEST' },
      { name: 'unknown challenge', method: 'POST', url: '/auth/token', body: { account: 'doctor', password: 'x', deviceId: doctor.deviceId, challengeId: crypto.randomUUID(), signature: 'AAAA' }, status: 401, code: 'BAD_SIGNATURE' },
      { name: 'no token', method: 'GET', url: '/auth/me', status: 401, code: 'UNAUTHENTICATED' },
      { name: 'garbage token', method: 'GET', url: '/sync/pull', token: 'garbage', status: 401, code: 'UNAUTHENTICATED' },
      { name: 'wrong bootstrap code', method: 'POST', url: '/bootstrap/admin', body: { code: 'AAAA-BBBB-CCCC', account: 'evil', password: 'long-enough-password', displayName: 'x', device: { name: 'x', publicKey: doctor.device.publicKeyBase64 } }, status: 403, code: 'BOOTSTRAP_CLOSED' },
      { name: 'admin route as physician', method: 'GET', url: '/admin/accounts', token: 'doctor', status: 403, code: 'FORBIDDEN' },
      { name: 'create account as physician', method: 'POST', url: '/admin/accounts', token: 'doctor', body: { account: 'x', password: 'long-enough-password', displayName: 'x', roles: ['admin'], department: 'x', licenceNo: 'x' }, status: 403, code: 'FORBIDDEN' },
      { name: 'approve as physician', method: 'POST', url: `/admin/devices/${doctor.deviceId}/approve`, token: 'doctor', status: 403, code: 'FORBIDDEN' },
      { name: 'bad id in path', method: 'POST', url: '/admin/devices/not-a-uuid/revoke', token: 'admin', status: 400, code: 'INVALID_REQUEST' },
      { name: 'unknown device in path', method: 'POST', url: `/admin/devices/${crypto.randomUUID()}/revoke`, token: 'admin', status: 404, code: 'NOT_FOUND' },
      { name: 'empty account change', method: 'PATCH', url: `/admin/accounts/${doctor.userId}`, token: 'admin', body: {}, status: 400, code: 'INVALID_REQUEST' },
      { name: 'unknown account field', method: 'PATCH', url: `/admin/accounts/${doctor.userId}`, token: 'admin', body: { scope_epoch: 9 }, status: 400, code: 'INVALID_REQUEST' },
      { name: 'unknown role', method: 'POST', url: '/admin/accounts', token: 'admin', body: { account: 'x', password: 'long-enough-password', displayName: 'x', roles: ['root'], department: 'x', licenceNo: 'x' }, status: 400, code: 'INVALID_REQUEST' },
      { name: 'taken account name', method: 'POST', url: '/admin/accounts', token: 'admin', body: { account: 'DOCTOR', password: 'long-enough-password', displayName: 'x', roles: ['physician'], department: 'x', licenceNo: 'x' }, status: 409, code: 'CONFLICT' },
      { name: 'push: malformed JSON', method: 'POST', url: '/sync/push', token: 'doctor', rawBody: '{"deviceId":', status: 400, code: 'INVALID_JSON' },
      { name: 'push: empty batch', method: 'POST', url: '/sync/push', token: 'doctor', body: push([]), status: 400, code: 'INVALID_REQUEST' },
      { name: 'push: batch too long', method: 'POST', url: '/sync/push', token: 'doctor', body: push(Array.from({ length: 501 }, () => m.addAllergy(patientId, 'x'))), status: 400, code: 'INVALID_REQUEST' },
      { name: 'push: unknown kind', method: 'POST', url: '/sync/push', token: 'doctor', body: push([{ ...m.addAllergy(patientId, 'x'), kind: 'patient.delete' }]), status: 400, code: 'INVALID_REQUEST' },
      { name: 'push: one bad mutation fails the batch', method: 'POST', url: '/sync/push', token: 'doctor', body: push([m.addAllergy(patientId, 'ok'), { ...m.addAllergy(patientId, 'x'), clientTime: 'yesterday' }]), status: 400, code: 'INVALID_REQUEST' },
      { name: 'push: scalar edit without base', method: 'POST', url: '/sync/push', token: 'doctor', body: push([{ ...m.setPhone(patientId, '1', 1), baseVersion: undefined }]), status: 400, code: 'INVALID_REQUEST' },
      { name: "push: another device's id", method: 'POST', url: '/sync/push', token: 'doctor', body: push([m.addAllergy(patientId, 'x')], admin.deviceId), status: 403, code: 'DEVICE_MISMATCH' },
      { name: 'push: oversized body', method: 'POST', url: '/sync/push', token: 'doctor', rawBody: JSON.stringify(push([{ ...m.addAllergy(patientId, 'x'), pad: 'x'.repeat(5 * 1024 * 1024) }])), status: 413, code: 'PAYLOAD_TOO_LARGE' },
      { name: 'pull: negative cursor', method: 'GET', url: '/sync/pull?cursor=-1', token: 'doctor', status: 400, code: 'INVALID_REQUEST' },
      { name: 'pull: limit not a number', method: 'GET', url: '/sync/pull?limit=abc', token: 'doctor', status: 400, code: 'INVALID_REQUEST' },
      { name: 'pull: limit too large', method: 'GET', url: '/sync/pull?limit=100000', token: 'doctor', status: 400, code: 'INVALID_REQUEST' },
      { name: 'unknown route', method: 'GET', url: '/patients', status: 404, code: 'NOT_FOUND' },
    ];

    test('every bad request gets a 4xx with a code and a message, and writes nothing', async () => {
      const counts = async () =>
        Object.fromEntries(await Promise.all(tables.map(async (t) => [t, (await hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`))[0]!.n] as const)));
      const before = await counts();
      for (const c of cases()) {
        const token = c.token === 'doctor' ? doctor.token : c.token === 'admin' ? admin.token : c.token === 'garbage' ? 'x'.repeat(43) : undefined;
        const answer = await hospital.request(c.method, c.url, {
          ...(token ? { token } : {}), ...(c.body !== undefined ? { body: c.body } : {}), ...(c.rawBody !== undefined ? { rawBody: c.rawBody } : {}), ...(c.headers ? { headers: c.headers } : {}),
        });
        assert.equal(answer.status, c.status, `${c.name}: ${JSON.stringify(answer.body)}`);
        const parsed = ApiError.safeParse(answer.body);
        assert.ok(parsed.success, `${c.name}: error body shape`);
        assert.equal(parsed.data.error.code, c.code, c.name);
        assert.ok(parsed.data.error.message.length > 5, `${c.name}: a message`);
      }
      assert.deepEqual(await counts(), before);
    });

    test('a token used with another user\'s device id or a replayed challenge is refused', async () => {
      const challenge = await hospital.request<{ challengeId: string; nonce: string }>('POST', '/auth/challenge', { body: { deviceId: doctor.deviceId } });
      const { sign } = await import('node:crypto');
      const { tokenChallengeMessage } = await import('../../shared/sync/auth');
      const signature = sign(null, Buffer.from(tokenChallengeMessage(doctor.deviceId, 'doctor', challenge.body.nonce)), doctor.device.privateKey).toString('base64');
      const body = { account: 'doctor', password: demo.doctor.password, deviceId: doctor.deviceId, challengeId: challenge.body.challengeId, signature };
      // The signature binds the account: it does not sign in someone else.
      const other = await hospital.request('POST', '/auth/token', { body: { ...body, account: 'doctor2', password: demo.doctor2.password } });
      assert.deepEqual([other.status, (other.body as { error: { code: string } }).error.code], [401, 'BAD_SIGNATURE']);
      // And the challenge was spent by that attempt.
      const replay = await hospital.request('POST', '/auth/token', { body });
      assert.equal(replay.status, 401);
    });
  });
}
