/**
 * Roaming face templates (issue 9, the Consent bullet), end to end: real hospital server (PGlite
 * and PostgreSQL), real workstations syncing through it, the real face engine on the photo test
 * set (scripts/face-testset.sh). The workstations run the 'passive' liveness policy, because a
 * photo cannot blink; the challenge itself is proven elsewhere (liveness.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FACE_CONSENT_VERSION, FACE_ROAMING_CONSENT_VERSION } from '../../../shared/face/consent';
import type { ResponseOf } from '../../../shared/ipc';
import type { Mutation } from '../../../shared/sync/wire';
import { dbVariants } from '../../../server/test-support/databases';
import { framesOf, skip as noPhotos } from '../face/faceTestKit';
import { caller } from '../rx/rxTestKit';
import { faceTemplatesTable } from '../store/faceTemplates';
import { usersTable } from '../store/users';
import { demo, startClinic, type TestWorkstation } from './testing/clinic';

const facePolicy = { liveness: 'passive' as const };

for (const variant of dbVariants) {
  describe(`roaming face templates (${variant.kind})`, { skip: noPhotos || variant.skip, concurrency: false }, async () => {
    const clinic = await startClinic(variant.kind, 10);
    const server = clinic.hospital;
    const rows = async (sql: string, ...params: string[]) => server.db.query<Record<string, unknown>>(sql, params);
    const count = async (table: string, userId: string) =>
      Number((await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${table === 'face_roaming_consents' || table === 'face_template_ciphertexts' ? 'user_id' : 'id'} = $1`, [userId]))[0]!.n);
    const feedEntries = async (userId: string) =>
      server.db.query<{ audience: string; descriptor: unknown; state: string }>(
        `SELECT audience, row -> 'descriptor' AS descriptor, row ->> 'state' AS state FROM changes WHERE table_name = 'face_templates' AND row ->> 'user_id' = $1 ORDER BY seq`,
        [userId],
      );
    const idOf = (ws: TestWorkstation, account: string) => usersTable(ws.core.db).byAccount(account)!.id;
    const templateOn = (ws: TestWorkstation, userId: string) => faceTemplatesTable(ws.core.db).get(userId);

    /** The admin signed in on `ws` enrolls `account` from 3 frames of `file`, the roaming box ticked or not. */
    async function enroll(ws: TestWorkstation, account: string, file: string, roaming: boolean): Promise<void> {
      const desk = caller(ws.core, ws.connection);
      const begun = await desk.ok('face:begin', {
        purpose: 'enroll', userId: idOf(ws, account), consent: { version: FACE_CONSENT_VERSION, accepted: true },
        ...(roaming ? { roaming: { version: FACE_ROAMING_CONSENT_VERSION, accepted: true as const } } : {}),
      });
      for (const jpeg of framesOf(file, 3, 7)) await desk.ok('face:frame', { attemptId: begun.attemptId, jpeg });
      const done = await desk.ok('face:finish', { attemptId: begun.attemptId });
      assert.equal(done.accepted, true, String(done.reason));
    }

    /** Password, then a face check from 8 frames of `file`, 120 ms apart on the hospital's clock. */
    async function faceSignIn(ws: TestWorkstation, connection: string, account: { account: string; password: string }, file: string): Promise<ResponseOf<'face:finish'>> {
      const c = caller(ws.core, connection);
      assert.equal(await c.code('auth:signIn', account), 'FACE_REQUIRED', 'a template here: the password alone opens no session');
      const begun = await c.ok('face:begin', { purpose: 'sign-in' });
      for (const jpeg of framesOf(file, 8)) {
        server.clock += 120;
        await c.ok('face:frame', { attemptId: begun.attemptId, jpeg });
      }
      return c.ok('face:finish', { attemptId: begun.attemptId });
    }

    const enrolling = await clinic.workstation(demo.admin, { facePolicy });
    const doctorId = idOf(enrolling, 'doctor');
    const doctor2Id = idOf(enrolling, 'doctor2');

    test('without the roaming consent, neither the server nor the feed ever sees the template', async () => {
      await enroll(enrolling, 'doctor2', 'collins--photo.jpg', false);
      await enrolling.sync();
      assert.equal(templateOn(enrolling, doctor2Id)?.roamingConsentVersion, null);
      assert.deepEqual(
        [await count('face_templates', doctor2Id), await count('face_template_ciphertexts', doctor2Id), await count('face_roaming_consents', doctor2Id), (await feedEntries(doctor2Id)).length],
        [0, 0, 0, 0],
      );
      const pushed = await rows(`SELECT kind FROM mutations WHERE kind LIKE 'face.%'`);
      assert.deepEqual(pushed, [], 'no face mutation was ever pushed');
      assert.deepEqual(enrolling.query(`SELECT kind FROM outbox WHERE kind LIKE 'face.%' UNION ALL SELECT kind FROM outbox_settled WHERE kind LIKE 'face.%'`), []);
    });

    test('a template pushed without a recorded roaming consent is refused with CONSENT_MISSING and writes nothing', async () => {
      const ws = await server.workstation('doctor2', demo.doctor2.password, 'bare-ws');
      const descriptor = templateOn(enrolling, doctor2Id)!.descriptor;
      const upload = (mutationId: string): Mutation => ({
        mutationId, clientTime: new Date(server.clock).toISOString(), kind: 'face.template.roam',
        payload: {
          userId: doctor2Id, templateId: 'template-without-consent', modelId: 'human-3.3.6/faceres-1024', descriptor, captures: 3,
          consentVersion: FACE_CONSENT_VERSION, roamingConsentVersion: FACE_ROAMING_CONSENT_VERSION, enrolledBy: doctor2Id, enrolledAt: new Date(server.clock).toISOString(),
        },
      });
      const answer = await server.push(ws, [upload(crypto.randomUUID())]);
      assert.equal(answer.status, 200);
      const [result] = (answer.body).results;
      assert.deepEqual(result && 'reason' in result ? [result.status, result.reason] : result, ['rejected', 'CONSENT_MISSING']);
      // A consent given and then withdrawn is no consent either.
      const consent = (action: 'give' | 'withdraw'): Mutation => ({
        mutationId: crypto.randomUUID(), clientTime: new Date(server.clock).toISOString(), kind: 'face.roaming.consent',
        payload: { userId: doctor2Id, action, version: FACE_ROAMING_CONSENT_VERSION, scope: 'roaming' },
      });
      const withdrawn = (await server.push(ws, [consent('give'), consent('withdraw'), upload(crypto.randomUUID())])).body;
      assert.deepEqual(withdrawn.results.map((r) => ('reason' in r ? r.reason : r.status)), ['applied', 'applied', 'CONSENT_MISSING']);
      assert.deepEqual([await count('face_templates', doctor2Id), await count('face_template_ciphertexts', doctor2Id), (await feedEntries(doctor2Id)).length], [0, 0, 0]);
      // Nobody else's template: another clinician is refused whatever they hold.
      const other = await server.workstation('doctor', demo.doctor.password, 'other-ws');
      const forged = (await server.push(other, [{ ...consent('give'), mutationId: crypto.randomUUID() }])).body;
      assert.deepEqual(forged.results.map((r) => ('reason' in r ? r.reason : r.status)), ['FORBIDDEN']);
    });

    // Devices that must never receive the doctor's template: one revoked, one of another user.
    const revoked = await clinic.workstation(demo.doctor, { facePolicy });
    const othersDevice = await clinic.workstation(demo.doctor2, { facePolicy });
    let second: TestWorkstation;

    test("with roaming consent, the user's second workstation verifies their face, and refuses another person", async () => {
      const admin = await server.admin();
      const revokedId = revoked.query<{ value: string }>(`SELECT value FROM sync_state WHERE key = 'device.server_id'`)[0]!.value;
      assert.equal((await server.request('POST', `/admin/devices/${revokedId}/revoke`, { token: admin.token })).status, 200);

      await enroll(enrolling, 'doctor', 'hopper--photo.jpg', true);
      await enrolling.sync();
      const original = templateOn(enrolling, doctorId)!;
      assert.deepEqual([original.origin, original.roamingConsentVersion], ['enrolled', FACE_ROAMING_CONSENT_VERSION]);
      assert.deepEqual([await count('face_templates', doctorId), await count('face_template_ciphertexts', doctorId)], [1, 1]);
      assert.deepEqual(await feedEntries(doctorId), [{ audience: doctorId, descriptor: null, state: 'present' }], 'the feed holds no descriptor, and names its one audience');
      // At rest on the server: the sealed bytes are not the template, nor any run of it.
      const [sealed] = await server.db.query<{ ciphertext: string }>(`SELECT ciphertext FROM face_template_ciphertexts WHERE user_id = $1`, [doctorId]);
      const stored = Buffer.from(sealed!.ciphertext, 'base64');
      const plain = Buffer.from(Float32Array.from(original.descriptor).buffer);
      assert.equal(stored.length, plain.length);
      assert.equal(stored.equals(plain), false);
      for (let at = 0; at + 16 <= plain.length; at += 512) assert.equal(stored.includes(plain.subarray(at, at + 16)), false, `bytes ${at}.. of the template appear in the stored copy`);

      second = await clinic.workstation(demo.doctor, { facePolicy });
      const roamed = templateOn(second, doctorId)!;
      assert.deepEqual([roamed.origin, roamed.templateId, roamed.modelId], ['roamed', original.templateId, original.modelId]);
      assert.ok(roamed.descriptor.every((x, i) => Math.abs(x - original.descriptor[i]!) < 1e-6), 'the same template arrived');

      const accepted = await faceSignIn(second, 'c-second-1', demo.doctor, 'hopper--mirror.jpg');
      assert.equal(accepted.accepted, true, String(accepted.reason));
      assert.deepEqual([accepted.session?.account, accepted.session?.verifiedBy, accepted.session?.mode], ['doctor', 'face', 'full']);
      const refused = await faceSignIn(second, 'c-second-2', demo.doctor, 'collins--photo.jpg');
      assert.deepEqual([refused.accepted, refused.reason], [false, 'no-match']);
      const received = second.query<{ action: string; detail: string }>(`SELECT action, detail FROM audit_log WHERE action = 'face.roaming-received'`);
      assert.equal(received.length, 1);
      assert.equal(received[0]!.detail.length < 200, true, 'the audit names the change, never the template');
    });

    test("a revoked device and another user's device receive nothing", async () => {
      await revoked.sync();
      assert.equal((await caller(revoked.core, revoked.connection).ok('sync:status', {}))?.link, 'revoked');
      assert.equal(templateOn(revoked, doctorId), null);
      await othersDevice.sync();
      assert.equal(templateOn(othersDevice, doctorId), null);
      assert.equal(othersDevice.query(`SELECT 1 FROM face_templates WHERE origin = 'roamed'`).length, 0);
      // And at the wire: another user's whole feed, from 0, carries no template of the doctor.
      const anotherUser = await server.workstation('doctor2', demo.doctor2.password, 'feed-check-ws');
      const seen = await server.pullAll(anotherUser);
      assert.equal(seen.changes.filter((c) => c.table === 'face_templates').length, 0);
      const mine = await server.pullAll(await server.workstation('doctor', demo.doctor.password, 'own-feed-ws'));
      assert.deepEqual(mine.changes.filter((c) => c.table === 'face_templates').map((c) => c.row.state === 'present' && c.row.descriptor?.length), [1024]);
    });

    test('withdrawn from the user\'s own session: deleted on the server at once and on every device with a copy at its next round', async () => {
      const third = await clinic.workstation(demo.doctor, { facePolicy });
      assert.equal(templateOn(third, doctorId)?.origin, 'roamed');
      const own = caller(second.core, 'c-second-1');
      const before = await own.ok('face:roaming:get', { userId: doctorId });
      assert.deepEqual([before.enrolled, before.origin, before.roaming], [true, 'roamed', true]);
      const after = await own.ok('face:roaming:set', { userId: doctorId, consent: null });
      assert.deepEqual([after.enrolled, after.roaming], [false, false], 'the copy here goes at once');

      await second.sync();
      assert.deepEqual([await count('face_template_ciphertexts', doctorId), await count('face_templates', doctorId)], [0, 1], 'the copy is gone; its tombstone stays');
      const consents = await rows(`SELECT action, scope FROM face_roaming_consents WHERE user_id = $1 ORDER BY seq`, doctorId);
      assert.deepEqual(consents, [{ action: 'give', scope: 'roaming' }, { action: 'withdraw', scope: 'roaming' }]);
      await third.sync();
      assert.equal(templateOn(third, doctorId), null, 'the third device deleted its copy at its next round');
      const kept = templateOn(enrolling, doctorId)!;
      assert.equal(kept.origin, 'enrolled', 'the enrolling workstation keeps its own: the enrollment consent stands');
      const audited = second.query<{ detail: string }>(`SELECT detail FROM audit_log WHERE action = 'face.consent' ORDER BY seq`).map((r) => JSON.parse(r.detail) as Record<string, unknown>);
      assert.deepEqual(audited.at(-1), { version: FACE_ROAMING_CONSENT_VERSION, accepted: false, scope: 'roaming', source: 'own-session', roaming: true, by: 'self' });
    });

    test('re-enrolling replaces the copy everywhere; withdrawing the enrollment elsewhere removes it from the enrolling workstation too', async () => {
      await enroll(enrolling, 'doctor', 'hopper--photo.jpg', true);
      await enrolling.sync();
      const renewed = templateOn(enrolling, doctorId)!;
      await second.sync();
      assert.equal(templateOn(second, doctorId)?.templateId, renewed.templateId);

      const signedIn = await faceSignIn(second, 'c-second-3', demo.doctor, 'hopper--mirror.jpg');
      assert.equal(signedIn.accepted, true, String(signedIn.reason));
      assert.deepEqual(await caller(second.core, 'c-second-3').ok('face:withdraw', { userId: doctorId }), { withdrawn: true });
      await second.sync();
      assert.deepEqual([await count('face_template_ciphertexts', doctorId)], [0]);
      assert.deepEqual((await feedEntries(doctorId)).map((e) => e.state).slice(-2), ['enrollment-withdrawn', 'enrollment-withdrawn'], "one tombstone for the user's devices, one for the enrolling device");
      // The enrolling workstation pulls as its admin only: the tombstone addressed to it arrives anyway.
      await enrolling.sync();
      assert.equal(templateOn(enrolling, doctorId), null);
      assert.equal(templateOn(enrolling, doctor2Id)?.origin, 'enrolled', "another user's template is untouched");
    });

    test('a workstation revoked after its copy arrived deletes the copy at its next contact; the enrolling one keeps its own', async () => {
      await enroll(enrolling, 'doctor2', 'collins--photo.jpg', true);
      await enrolling.sync();
      const laterRevoked = await clinic.workstation(demo.doctor2, { facePolicy });
      assert.equal(templateOn(laterRevoked, doctor2Id)?.origin, 'roamed', 'the copy arrived');

      const admin = await server.admin();
      const deviceId = laterRevoked.query<{ value: string }>(`SELECT value FROM sync_state WHERE key = 'device.server_id'`)[0]!.value;
      assert.equal((await server.request('POST', `/admin/devices/${deviceId}/revoke`, { token: admin.token })).status, 200);
      await laterRevoked.sync();
      assert.equal((await caller(laterRevoked.core, laterRevoked.connection).ok('sync:status', {}))?.link, 'revoked');
      assert.equal(laterRevoked.query(`SELECT 1 FROM face_templates`).length, 0, 'no template stays on the revoked device');
      await enrolling.sync();
      assert.equal(templateOn(enrolling, doctor2Id)?.origin, 'enrolled', 'the enrollment and its consent stand');
      assert.equal(await count('face_template_ciphertexts', doctor2Id), 1, "the server keeps the user's copy for their other devices");
    });
  });
}
