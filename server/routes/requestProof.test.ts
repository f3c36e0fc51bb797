import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { requestProofHeaders } from '../../common/auth/requestProof';
import { proofHeader, proofWindowMs } from '../../shared/sync/proof';
import { dbVariants } from '../test-support/databases';
import { demo, m, patientOf, TestHospital, type Workstation } from '../test-support/hospital';

/**
 * Issue 8, item 10: a token is bound to its device's key; each request carries a proof signed with
 * it (shared/sync/proof.ts). A token without the key, a replayed request, a body that does not
 * match its digest: each refused with its own code, and nothing written.
 */
for (const { kind, skip } of dbVariants) {
  describe(`request proofs [${kind}]`, { skip }, () => {
    let hospital: TestHospital;
    let doctor: Workstation;
    let patientId: string;
    before(async () => {
      hospital = await TestHospital.start(kind, { patients: 10 });
      doctor = await hospital.workstation(demo.doctor.account, demo.doctor.password);
      patientId = (await patientOf(hospital.db, 'cardiology')).id;
    });
    after(() => hospital.stop());

    const written = async () =>
      (await hospital.db.query<{ n: number }>(`SELECT (SELECT count(*) FROM mutations) + (SELECT count(*) FROM allergies) + (SELECT count(*) FROM changes) AS n`))[0]!.n;
    const pushBody = () => JSON.stringify({ deviceId: doctor.deviceId, batch: [m.addAllergy(patientId, 'proof-test')] });
    const codeOf = (answer: { body: unknown }) => (answer.body as { error?: { code: string } }).error?.code;

    test('a signed request is accepted; the same token signed by another key, or unsigned, is refused and writes nothing', async () => {
      const before = await written();
      const stolen = generateKeyPairSync('ed25519').privateKey;
      const elsewhere = await hospital.request('POST', '/sync/push', { token: doctor.token, rawBody: pushBody(), signWith: stolen });
      assert.deepEqual([elsewhere.status, codeOf(elsewhere)], [401, 'PROOF_WRONG_KEY']);
      const bare = await hospital.request('POST', '/sync/push', { token: doctor.token, rawBody: pushBody(), signWith: null });
      assert.deepEqual([bare.status, codeOf(bare)], [401, 'PROOF_REQUIRED']);
      const garbled = await hospital.request('GET', '/auth/me', { token: doctor.token, headers: { [proofHeader]: 'not-a-proof' } });
      assert.deepEqual([garbled.status, codeOf(garbled)], [401, 'PROOF_MALFORMED']);
      assert.equal(await written(), before, 'nothing written by the refusals');
      const signed = await hospital.request('POST', '/sync/push', { token: doctor.token, rawBody: pushBody() });
      assert.equal(signed.status, 200);
      assert.ok((await written()) > before, 'the signed one applies');
    });

    test('a replayed request is refused (its jti is spent) and writes nothing; so is a proof for another path', async () => {
      const body = pushBody();
      const proof = requestProofHeaders({ method: 'POST', pathWithQuery: '/sync/push', body, token: doctor.token, key: doctor.device.privateKey, now: hospital.clock });
      const first = await hospital.request('POST', '/sync/push', { token: doctor.token, rawBody: body, signWith: null, headers: proof });
      assert.equal(first.status, 200);
      const before = await written();
      const replay = await hospital.request('POST', '/sync/push', { token: doctor.token, rawBody: body, signWith: null, headers: proof });
      assert.deepEqual([replay.status, codeOf(replay)], [401, 'PROOF_REPLAYED']);
      const [{ n }] = await hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM proof_jtis WHERE device_id = $1`, [doctor.deviceId]) as [{ n: number }];
      assert.ok(n >= 1, 'the spent jtis are in the database, so a restart or another process refuses them too');
      const moved = requestProofHeaders({ method: 'GET', pathWithQuery: '/auth/me', body: '', token: doctor.token, key: doctor.device.privateKey, now: hospital.clock });
      const elsewhere = await hospital.request('GET', '/sync/pull?cursor=0&limit=1', { token: doctor.token, signWith: null, headers: moved });
      assert.deepEqual([elsewhere.status, codeOf(elsewhere)], [401, 'PROOF_WRONG_KEY'], 'the signature covers method and path');
      assert.equal(await written(), before);
    });

    test('a body that does not match its digest is refused and writes nothing', async () => {
      const before = await written();
      const signedFor = pushBody();
      const proof = requestProofHeaders({ method: 'POST', pathWithQuery: '/sync/push', body: signedFor, token: doctor.token, key: doctor.device.privateKey, now: hospital.clock });
      const swapped = await hospital.request('POST', '/sync/push', { token: doctor.token, rawBody: pushBody(), signWith: null, headers: proof });
      assert.deepEqual([swapped.status, codeOf(swapped)], [400, 'PROOF_BODY_MISMATCH']);
      assert.equal(await written(), before);
    });

    test('a clock outside the window is told so, with the server\'s time to sign again with', async () => {
      const at = hospital.clock;
      const skewed = requestProofHeaders({ method: 'GET', pathWithQuery: '/auth/me', body: '', token: doctor.token, key: doctor.device.privateKey, now: at - proofWindowMs - 60_000 });
      const refused = await hospital.request('GET', '/auth/me', { token: doctor.token, signWith: null, headers: skewed });
      assert.deepEqual([refused.status, codeOf(refused)], [401, 'PROOF_CLOCK_SKEW']);
      const within = requestProofHeaders({ method: 'GET', pathWithQuery: '/auth/me', body: '', token: doctor.token, key: doctor.device.privateKey, now: at - proofWindowMs + 60_000 });
      assert.equal((await hospital.request('GET', '/auth/me', { token: doctor.token, signWith: null, headers: within })).status, 200, 'a generous window');
    });

    test('every route that takes a token requires the proof', async () => {
      const admin = await hospital.admin();
      const routes: [method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, ws: Workstation, body?: unknown][] = [
        ['GET', '/auth/me', doctor],
        ['GET', '/auth/offline-verifiers', doctor],
        ['POST', '/auth/logout', doctor],
        ['POST', '/sync/push', doctor, { deviceId: doctor.deviceId, batch: [] }],
        ['GET', '/sync/pull?cursor=0&limit=1', doctor],
        ['POST', '/audit/upload', doctor, { deviceId: doctor.deviceId, entries: [] }],
        ['GET', '/admin/devices', admin],
        ['GET', '/admin/accounts', admin],
        ['PATCH', `/admin/accounts/${doctor.userId}`, admin, { displayName: 'x' }],
        ['POST', `/admin/accounts/${doctor.userId}/revoke-offline`, admin],
        ['GET', '/admin/formulary', admin],
        ['PUT', '/admin/formulary', admin, { entries: [] }],
        ['GET', '/admin/audit', admin],
        ['POST', `/admin/devices/${doctor.deviceId}/revoke`, admin],
      ];
      for (const [method, url, ws, body] of routes) {
        const answer = await hospital.request(method, url, { token: ws.token, signWith: null, ...(body === undefined ? {} : { body }) });
        assert.deepEqual([answer.status, codeOf(answer)], [401, 'PROOF_REQUIRED'], `${method} ${url}`);
      }
      const [device] = await hospital.db.query<{ status: string }>(`SELECT status FROM devices WHERE id = $1`, [doctor.deviceId]);
      assert.equal(device!.status, 'approved', 'the unsigned revoke changed nothing');
      assert.equal((await hospital.request('GET', '/auth/me', { token: doctor.token })).status, 200, 'the unsigned logout ended nothing');
    });
  });
}
