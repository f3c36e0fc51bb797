/**
 * `face.signin_ms` (issue 9, target <= 2000): from `face:begin {purpose:'sign-in'}` to the open
 * session, through the core's dispatch and its face worker with the real models, as the renderer
 * drives it: 8 frames (the liveness judge's minimum), then `face:finish`. It includes the core's
 * frame checks, inference for each frame, the liveness judgement, the audit and lockout
 * transaction and opening the session. It does NOT include camera start-up or capture, JPEG
 * encoding in the renderer, IPC transport, the password check before it, or model load (the face
 * worker is already running from the enrollment, as after the first face call of the day; model
 * load is `face.model_load_ms`). The 'passive' policy is used because no live video can be made
 * here; the challenge policy costs the same per frame.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FACE_CONSENT_VERSION } from '../shared/face/consent';
import type { Channel, RequestOf, ResponseOf } from '../shared/ipc';
import { createCore } from '../electron/core/core';
import { cameraFrames } from '../electron/core/face/testFrames';
import { faceTestSet, photo } from '../electron/core/face/testSet';
import { seedLocalStore } from '../electron/core/store/seed';
import { usersTable } from '../electron/core/store/users';
import { demoUsers } from '../shared/demo/users';
import { percentile, report, type BenchSize } from './report';

export async function faceSignInBench(size: BenchSize): Promise<void> {
  const set = faceTestSet();
  if (!set.photos) return;
  const dataDir = mkdtempSync(join(tmpdir(), 'caredesk-bench-face-'));
  const core = createCore({ dataDir, key: randomBytes(32), log: () => {}, facePolicy: { liveness: 'passive' } });
  const call = async <C extends Channel>(channel: C, request: RequestOf<C>, connection: string): Promise<ResponseOf<C>> => {
    const r = await core.dispatch(channel, request, connection);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value as ResponseOf<C>;
  };
  const failed = async (channel: Channel, request: unknown, connection: string) => {
    const r = await core.dispatch(channel, request, connection);
    return r.ok ? 'ok' : r.error.code;
  };
  const account = (name: string) => {
    const user = demoUsers.find((u) => u.account === name)!;
    return { account: user.account, password: user.password };
  };
  const [admin, doctor] = [account('admin'), account('doctor')];
  try {
    await seedLocalStore(core.db, 5, { seed: 3, today: '2026-11-25' });
    const frames = (seed: number, n: number) => cameraFrames(photo(set, 'hopper--photo.jpg').path, n, seed).map((b) => b.toString('base64'));
    await call('auth:signIn', admin, 'admin');
    const begun = await call('face:begin', { purpose: 'enroll', userId: usersTable(core.db).byAccount('doctor')!.id, consent: { version: FACE_CONSENT_VERSION, accepted: true } }, 'admin');
    for (const jpeg of frames(7, 3)) await call('face:frame', { attemptId: begun.attemptId, jpeg }, 'admin');
    await call('face:finish', { attemptId: begun.attemptId }, 'admin');

    const runs = size === 'smoke' ? 1 : 5;
    const signInFrames = Array.from({ length: runs }, (_, i) => frames(100 + i, 8));
    const times: number[] = [];
    let accepted = 0;
    for (let i = 0; i < runs; i++) {
      const connection = `desk-${i}`;
      if ((await failed('auth:signIn', doctor, connection)) !== 'FACE_REQUIRED') throw new Error('expected FACE_REQUIRED');
      const started = performance.now();
      const attempt = await call('face:begin', { purpose: 'sign-in' }, connection);
      for (const jpeg of signInFrames[i]!) await call('face:frame', { attemptId: attempt.attemptId, jpeg }, connection);
      const outcome = await call('face:finish', { attemptId: attempt.attemptId }, connection);
      times.push(performance.now() - started);
      // On a machine too loaded to analyse 8 frames within the challenge's 8 s the attempt expires:
      // that is the product's answer there, so it is counted, not hidden.
      if (outcome.accepted) accepted++;
      else process.stderr.write(`face.signin run ${i + 1}: refused (${outcome.reason})\n`);
    }
    report('face.signin_ms', percentile(times, 50), 'ms', 2000);
    report('face.signin_p95_ms', percentile(times, 95), 'ms');
    report('face.signin_accepted', accepted, `of ${runs}`);
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
