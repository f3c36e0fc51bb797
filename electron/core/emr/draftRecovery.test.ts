import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core';
import { caller } from '../rx/rxTestKit';
import { keyFileSource } from '../store/keyring';
import { seedLocalStore } from '../store/seed';
import { doctor, freshDataDir } from '../testing/fixtures';

const writer = fileURLToPath(new URL('./draftWriter.ts', import.meta.url));

test('a record draft survives SIGKILL of the process writing it: reopened, the last autosave is there', async () => {
  const dataDir = freshDataDir('caredesk-emr-killed');
  const open = () => createCore({ dataDir, key: keyFileSource(dataDir).loadOrCreateKey(), log: () => {}, facePolicy: { passwordOnlySigning: true } });
  const seeded = open();
  await seedLocalStore(seeded.db, 5, { seed: 7, today: '2026-11-25' });
  const patientId = seeded.db.prepare<[], { id: string }>(`SELECT id FROM patients ORDER BY id LIMIT 1`).get()!.id;
  await seeded.close();

  const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir, patientId], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const draftId = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /saved (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the writer exited (${code}) before saving`)));
  });
  // Let some autosaves land after the first, then kill it in the middle of the stream.
  await new Promise((r) => setTimeout(r, 300));
  child.kill('SIGKILL');
  const [, signal] = (await once(child, 'exit')) as [number | null, string | null];
  assert.equal(signal, 'SIGKILL');

  const core = open();
  try {
    const doc = caller(core, 'c1');
    await doc.ok('auth:signIn', doctor);
    const { drafts } = await doc.ok('emr:drafts', { patientId });
    assert.deepEqual(drafts.map((d) => d.id), [draftId]);
    const answers = drafts[0]!.answers;
    assert.deepEqual([answers['chief-complaint'], answers.sbp, answers.dbp], [['头晕一周'], [158], [96]]);
    assert.match(String(answers.plan?.[0] ?? 'save -'), /^save \d+$|^save -$/, 'the last autosave is whole, never half-written');
  } finally {
    await core.close();
  }
});
