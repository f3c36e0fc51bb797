/**
 * `caredesk face enroll`: a registration photo enrolls the user with their consent recorded, and
 * that template is what sign-in then checks (the same person accepted, another refused). Bad input
 * is one stderr line, exit 2, and nothing written.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, describe, test } from 'node:test';
import { FACE_CONSENT_VERSION } from '../shared/face/consent';
import { createCore } from '../electron/core/core';
import { caller } from '../electron/core/rx/rxTestKit';
import { keyFileSource } from '../electron/core/store/keyring';
import { doctor, freshDataDir } from '../electron/core/testing/fixtures';
import { manualClock } from '../electron/core/testing/manualClock';
import { framesOf, skip, set } from '../electron/core/face/faceTestKit';
import { photo } from '../electron/core/face/testSet';

const caredesk = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'cli/caredesk.ts', ...args], { encoding: 'utf8' });

function assertRefused(r: ReturnType<typeof caredesk>, pattern: RegExp): void {
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, pattern);
}

/** A seeded workstation store of its own, with the demo accounts. */
function seededStore() {
  const dataDir = freshDataDir('face-enroll');
  assert.equal(caredesk('seed', '--data-dir', dataDir, '--patients', '5').status, 0);
  const enroll = (file: string, ...flags: string[]) =>
    caredesk('face', 'enroll', file, '--data-dir', dataDir, '--user', 'doctor', '--admin', 'admin', ...flags);
  const open = () => {
    const clock = manualClock(Date.now());
    return { clock, core: createCore({ dataDir, key: keyFileSource(dataDir).loadOrCreateKey(), log: () => {}, now: clock.now, timers: clock.timers, facePolicy: { liveness: 'passive' } }) };
  };
  const written = () => {
    const { core } = open();
    const count = (sql: string) => core.db.prepare<[], { n: number }>(sql).get()!.n;
    const state = { templates: count(`SELECT count(*) AS n FROM face_templates`), audit: count(`SELECT count(*) AS n FROM audit_log WHERE action LIKE 'face.%'`) };
    void core.close();
    return state;
  };
  return { dataDir, enroll, open, written };
}
const path = (file: string) => photo(set, file).path;

describe('caredesk face enroll', { skip }, () => {

  test('bad input: wrong consent version, unknown user, a non-admin, a group photo, no photo; nothing written', () => {
    const { dataDir, enroll, written } = seededStore();
    assertRefused(enroll(path('hopper--photo.jpg'), '--consent', 'face-consent/1999-01-01'), /FACE_CONSENT_REQUIRED/);
    assertRefused(caredesk('face', 'enroll', path('hopper--photo.jpg'), '--data-dir', dataDir, '--user', 'nobody', '--admin', 'admin', '--consent', FACE_CONSENT_VERSION), /NOT_FOUND/);
    assertRefused(caredesk('face', 'enroll', path('hopper--photo.jpg'), '--data-dir', dataDir, '--user', 'doctor', '--admin', 'pharmacist', '--consent', FACE_CONSENT_VERSION), /FORBIDDEN/);
    assertRefused(enroll(path('group--facereg.jpg'), '--consent', FACE_CONSENT_VERSION), /no usable face \(several-faces/);
    assertRefused(caredesk('face', 'enroll', '--data-dir', dataDir), /one photo file is needed/);
    assert.deepEqual(written(), { templates: 0, audit: 0 });
  });

  describe('enrolled from a registration photo', () => {
    const { enroll, open } = seededStore();
    const r = enroll(path('hopper--photo.jpg'), '--consent', FACE_CONSENT_VERSION);
    const { core, clock } = open();
    after(() => core.close());

    test('exit 0; consent and enrollment audited, the template stored, no image', () => {
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), { enrolled: 'doctor', captures: 1, consentVersion: FACE_CONSENT_VERSION });
      const actions = core.db.prepare<[], { action: string; detail: string }>(`SELECT action, detail FROM audit_log WHERE action LIKE 'face.%' ORDER BY seq`).all();
      assert.deepEqual(actions.map((a) => a.action), ['face.consent', 'face.enroll']);
      assert.equal((JSON.parse(actions[0]!.detail) as { version: string }).version, FACE_CONSENT_VERSION);
      const row = core.db.prepare<[], { descriptor: Buffer; consent_version: string }>(`SELECT descriptor, consent_version FROM face_templates`).get()!;
      assert.equal(row.descriptor.byteLength, 1024 * 4);
    });

    async function signIn(connection: string, file: string) {
      const desk = caller(core, connection);
      assert.equal(await desk.code('auth:signIn', doctor), 'FACE_REQUIRED');
      const begun = await desk.ok('face:begin', { purpose: 'sign-in' });
      for (const jpeg of framesOf(file, 8)) {
        clock.advance(120);
        await desk.ok('face:frame', { attemptId: begun.attemptId, jpeg });
      }
      return desk.ok('face:finish', { attemptId: begun.attemptId });
    }
    test('sign-in checks that template: the same person is accepted, another is refused', async () => {
      assert.equal((await signIn('c-other', 'collins--photo.jpg')).reason, 'no-match');
      const accepted = await signIn('c-same', 'hopper--mirror.jpg');
      assert.equal(accepted.accepted, true, String(accepted.reason));
    });
  });
});
