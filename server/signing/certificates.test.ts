import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { withoutSignature } from '../../shared/rx/document';
import { keyRegistrationMessage, verifyCertificate, type IssuedCertificate } from '../../shared/signing/certificate';
import { signatureAlgorithm, signedBytes } from '../../shared/signing/documentSignature';
import { defaultSm2UserId, generateSm2KeyPairWith, sm2SignWith, type Sm2KeyPair } from '../../shared/signing/sm2';
import { mutationPayloads, type Mutation, type PushResult } from '../../shared/sync/wire';
import { dbVariants } from '../test-support/databases';
import { demo, m, patientOf, TestHospital, type Workstation } from '../test-support/hospital';
import { testSigningKey } from '../test-support/prescriptions';

const random = (bytes: number): string => randomBytes(bytes).toString('hex');
const rejection = (result: PushResult | undefined) =>
  result && result.status === 'rejected' ? `${result.reason}: ${result.message}` : JSON.stringify(result);

/** The signer registry (issue 8, item 11): keys certified by the hospital CA, and checked at push. */
for (const { kind, skip } of dbVariants) {
  describe(`signing certificates [${kind}]`, { skip }, () => {
    let hospital: TestHospital;
    let doctor: Workstation;
    let doctor2: Workstation;
    let patientId: string;
    before(async () => {
      hospital = await TestHospital.start(kind, { patients: 10 });
      doctor = await hospital.workstation(demo.doctor.account, demo.doctor.password);
      doctor2 = await hospital.workstation(demo.doctor2.account, demo.doctor2.password);
      patientId = (await patientOf(hospital.db, 'cardiology')).id;
    });
    after(() => hospital.stop());

    const register = (ws: Workstation, key: Sm2KeyPair, proof = sm2SignWith(random, keyRegistrationMessage(ws.userId, ws.deviceId, key.publicKey), key)) =>
      hospital.request<IssuedCertificate & { error?: { code: string } }>('POST', '/signing/keys', { token: ws.token, body: { publicKey: key.publicKey, proof } });
    const written = async () => {
      // The refusal itself is recorded with its mutation id (a replay gets the same answer): not counted.
      const [row] = await hospital.db.query<{ rx: number; seq: number; certificates: number }>(
        `SELECT (SELECT count(*)::int FROM prescriptions) AS rx, (SELECT last_seq FROM change_counter) AS seq, (SELECT count(*)::int FROM signing_certificates) AS certificates`,
      );
      return row!;
    };
    /** The doctor's prescription, re-signed with `key` and naming `certificateId`. */
    const resigned = (mutation: Mutation, key: Sm2KeyPair, certificateId: string | null): Mutation => {
      const document = withoutSignature(mutationPayloads['prescription.submit'].parse(mutation.payload));
      const signature = { algorithm: signatureAlgorithm, signerUid: defaultSm2UserId, publicKey: key.publicKey, certificateId, value: sm2SignWith(random, signedBytes(document), key) };
      return { ...mutation, mutationId: randomUUID(), payload: { ...document, signature } } as Mutation;
    };

    test('a key is certified by the hospital CA once its holder proves possession; once per key', async () => {
      const [issued] = await hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM signing_certificates WHERE user_id = $1`, [doctor.userId]);
      assert.equal(issued!.n, 1, 'the doctor signed in twice in tests elsewhere, registered once here');
      const again = await register(doctor, testSigningKey(doctor.userId));
      assert.equal(again.status, 200);
      assert.equal(again.body.certificate.serial, doctor.certificateId, 'the same key gets its live certificate back');
      assert.deepEqual(
        { userId: again.body.certificate.userId, account: again.body.certificate.account, publicKey: again.body.certificate.publicKey, licenceNo: again.body.certificate.licenceNo },
        { userId: doctor.userId, account: 'doctor', publicKey: testSigningKey(doctor.userId).publicKey, licenceNo: again.body.certificate.licenceNo },
      );
      assert.ok(verifyCertificate(again.body, again.body.caPublicKey), 'the CA signature verifies over the canonical certificate');
      assert.ok(!verifyCertificate({ ...again.body, certificate: { ...again.body.certificate, userId: doctor2.userId } }, again.body.caPublicKey));

      const fresh = generateSm2KeyPairWith(random);
      const before = await hospital.db.query(`SELECT 1 FROM signing_certificates`);
      // A proof made for another device, or with another key, proves nothing.
      const otherDevice = sm2SignWith(random, keyRegistrationMessage(doctor.userId, doctor2.deviceId, fresh.publicKey), fresh);
      const answer = await register(doctor, fresh, otherDevice);
      assert.deepEqual([answer.status, answer.body.error?.code], [400, 'BAD_SIGNATURE']);
      const otherKey = sm2SignWith(random, keyRegistrationMessage(doctor.userId, doctor.deviceId, fresh.publicKey), testSigningKey(doctor.userId));
      assert.equal((await register(doctor, fresh, otherKey)).status, 400);
      // Another account's key is never certified for this one.
      const stolen = await register(doctor, testSigningKey(doctor2.userId));
      assert.deepEqual([stolen.status, stolen.body.error?.code], [409, 'CONFLICT']);
      assert.equal((await hospital.db.query(`SELECT 1 FROM signing_certificates`)).length, before.length, 'nothing issued');
    });

    test('a forged signature is refused at push with its reason, and nothing is written', async () => {
      const encounterId = randomUUID();
      await hospital.push(doctor, [m.addEncounter(patientId, encounterId)]);
      const genuine = m.submitRx(doctor, patientId, encounterId);
      const unregistered = generateSm2KeyPairWith(random);
      const forgeries = {
        'a key never registered, no certificate': resigned(genuine, unregistered, null),
        'a key never registered, a made-up certificate id': resigned(genuine, unregistered, randomUUID()),
        "a key never registered, the doctor's own certificate id": resigned(genuine, unregistered, doctor.certificateId),
        "another physician's registered key and certificate": resigned(genuine, testSigningKey(doctor2.userId), doctor2.certificateId),
        "the doctor's key with no certificate id": resigned(genuine, testSigningKey(doctor.userId), null),
      };
      const before = await written();
      for (const [name, forged] of Object.entries(forgeries)) {
        const result = (await hospital.push(doctor, [forged])).body.results[0];
        assert.equal(rejection(result), 'INVALID: signature not verified: unregistered key', name);
      }
      assert.deepEqual(await written(), before, 'no prescription, no feed entry');
      // The genuine document, same id, still applies: the forgeries did not take it.
      assert.equal((await hospital.push(doctor, [genuine])).body.results[0]?.status, 'applied');
      assert.equal((await written()).rx, before.rx + 1);
    });

    test('a revoked certificate is refused at push; suspension revokes an account\'s certificates', async () => {
      await hospital.createAccount('doctor3', ['physician'], 'cardiology');
      const doctor3 = await hospital.workstation('doctor3', 'doctor3-password');
      const admin = await hospital.admin();
      const encounterId = randomUUID();
      await hospital.push(doctor3, [m.addEncounter(patientId, encounterId)]);
      const notByAdmin = await hospital.request<{ error: { code: string } }>('POST', `/admin/certificates/${doctor3.certificateId}/revoke`, { token: doctor3.token });
      assert.equal(notByAdmin.body.error.code, 'FORBIDDEN');
      const revoked = await hospital.request<IssuedCertificate>('POST', `/admin/certificates/${doctor3.certificateId}/revoke`, { token: admin.token });
      assert.equal(revoked.status, 200);
      assert.ok(revoked.body.revokedAt);
      const before = await written();
      const result = (await hospital.push(doctor3, [m.submitRx(doctor3, patientId, encounterId)])).body.results[0];
      assert.equal(rejection(result), 'INVALID: signature not verified: revoked certificate');
      assert.deepEqual(await written(), before, 'nothing written');
      // The revoked key stays revoked: registering it again is refused.
      assert.equal((await register(doctor3, testSigningKey(doctor3.userId))).status, 409);

      const suspended = await hospital.request('PATCH', `/admin/accounts/${doctor2.userId}`, { token: admin.token, body: { suspended: true } });
      assert.equal(suspended.status, 200, JSON.stringify(suspended.body));
      const certificate = await hospital.request<IssuedCertificate>('GET', `/signing/certificates/${doctor2.certificateId}`, { token: doctor.token });
      assert.ok(certificate.body.revokedAt, 'the suspended account\'s certificate is revoked');
    });
  });
}
