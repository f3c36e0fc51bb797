import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { postgresUrl } from '../../../server/test-support/databases';
import { createCore, type Core } from '../core';
import { keyFileSource } from '../store/keyring';
import { freshDataDir } from '../testing/fixtures';
import { demo, startClinic } from './testing/clinic';
import { assertExactlyOnce } from './testing/exactlyOnce';
import { startFlakyLink } from './testing/flakyLink';
import { clinician } from './testing/mixedWork';

/**
 * A workstation process SIGKILLed after the server committed its push but before it recorded the
 * answer (issue 8, "Proof"). The sync round runs in a process of its own (`caredesk sync`); the
 * link holds the server's complete answer, the test kills the process, reopens the store, and
 * syncs again: the server must recognise every mutation it already has, and apply none twice.
 */
const clinics = [
  { kind: 'pglite', clinic: await startClinic('pglite', 60) },
  ...(postgresUrl ? [{ kind: 'postgres', clinic: await startClinic('postgres', 60) }] : []),
] as const;

const push = /^\/sync\/push/;

for (const { kind, clinic } of clinics) {
  describe(`a workstation killed between the server's commit and its own [${kind}]`, () => {
    test('the mutations the server committed stay queued locally, are resent, and are applied once', async (t) => {
      const link = await startFlakyLink({ host: '127.0.0.1', port: (clinic.hospital.app.server.address() as AddressInfo).port });
      after(() => link.close());
      const dataDir = freshDataDir('caredesk-killed-ws');
      const open = (withSync: boolean): Core =>
        createCore({
          dataDir, key: keyFileSource(dataDir).loadOrCreateKey(), log: () => {},
          // The physicians write by password: a site allowing password-only signing (FacePolicy).
          facePolicy: { passwordOnlySigning: true },
          ...(withSync ? { sync: { serverUrl: link.url, deviceName: `killed-${kind}`, background: false } } : {}),
        });

      // A shared workstation with two physicians signed in, their work queued, its process then closed.
      const core = open(true);
      const first = await core.dispatch('auth:signIn', demo.doctor, 'c-1');
      assert.equal(!first.ok && first.error.code, 'DEVICE_NOT_APPROVED');
      const deviceId = core.db.prepare<[], { value: string }>(`SELECT value FROM sync_state WHERE key = 'device.server_id'`).get()!.value;
      await clinic.hospital.approve(deviceId);
      assert.equal((await core.dispatch('auth:signIn', demo.doctor, 'c-1')).ok, true);
      assert.equal((await core.dispatch('auth:signIn', demo.doctor2, 'c-2')).ok, true);
      await core.sync!.syncNow();
      const users = [clinician(core, 'c-1', 'cardiology', 'killed-a'), clinician(core, 'c-2', 'endocrinology', 'killed-b')];
      for (let round = 0; round < 3; round++) for (const user of users) await user.step();
      const queued = core.db.prepare<[], { mutation_id: string }>(`SELECT mutation_id FROM outbox ORDER BY seq`).all().map((r) => r.mutation_id);
      await core.close();

      const syncProcess = () => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'cli/caredesk.ts', 'sync', '--server', link.url, '--data-dir', dataDir, '--user', 'doctor'], {
          env: { ...process.env, CAREDESK_PASSWORD: demo.doctor.password },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        return { child, output: () => output };
      };

      const answerHeld = link.holdNextResponse(push);
      const doomed = syncProcess();
      const exited = once(doomed.child, 'exit');
      const held = await Promise.race([answerHeld, exited.then(() => assert.fail(`the sync process ended before pushing:\n${doomed.output()}`))]);
      doomed.child.kill('SIGKILL');
      const [, signal] = (await exited) as [number | null, string | null];
      held.release(); // to a dead socket: the answer never reaches anyone
      assert.equal(signal, 'SIGKILL', 'the workstation process died');

      // Proof that the kill fell between the two commits: the server has the batch, the outbox too.
      const reopened = open(false);
      const stillQueued = reopened.db.prepare<[], { mutation_id: string }>(`SELECT mutation_id FROM outbox WHERE state = 'pending'`).all().map((r) => r.mutation_id);
      await reopened.close();
      const onServer = (await clinic.hospital.db.query<{ id: string }>(`SELECT id FROM mutations WHERE id = ANY($1::text[])`, [stillQueued])).map((r) => r.id);
      t.diagnostic(`queued ${queued.length}; still queued after the kill ${stillQueued.length}, of which the server had ${onServer.length}`);
      assert.deepEqual(stillQueued, queued, 'nothing was settled locally');
      assert.ok(onServer.length > 0, 'but the server had committed the held push');

      const rerun = syncProcess();
      const [code] = (await once(rerun.child, 'exit')) as [number];
      assert.equal(code, 0, rerun.output());
      assert.ok((link.faults.pushResults.duplicate ?? 0) >= onServer.length, 'the resent mutations were answered "duplicate"');
      assert.equal(link.faults.held, 1);

      const settled = open(false);
      try {
        const userIds = settled.db.prepare<[], { user_id: string }>(`SELECT DISTINCT user_id FROM patient_scope`).all().map((r) => r.user_id);
        assert.equal(userIds.length, 2, 'both users\' scopes are on the workstation');
        await assertExactlyOnce(clinic.hospital.db, new Set(queued), [{ db: settled.db, userIds }]);
      } finally {
        await settled.close();
      }
    });
  });
}
