/** `caredesk face compare`: stdout JSON and exit 0, or one stderr line, empty stdout and exit 2. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { FACE_MATCH_THRESHOLD } from '../shared/face';
import { faceTestSet, photo } from '../electron/core/face/testSet';

const runner = `import('./cli/face.ts').then((m) => m.runFace(process.argv.slice(1))).then((code) => { process.exitCode = code; });`;

function face(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', runner, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function assertRefused(r: ReturnType<typeof face>, pattern: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, pattern);
}

const set = faceTestSet();
const skip = set.photos ? false : `face test set unavailable: ${set.skipReason}`;

describe('caredesk face compare', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'face-compare-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const path = (file: string) => photo(set, file).path;

  test('the same person under two lightings: a match, with the contract fields and the shared threshold', () => {
    const r = face(['compare', path('yale--light1.jpg'), path('yale--light3.jpg')]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { similarity: number; match: boolean; threshold: number };
    assert.deepEqual(Object.keys(out), ['similarity', 'match', 'threshold']);
    assert.equal(out.match, true);
    assert.equal(out.threshold, FACE_MATCH_THRESHOLD);
    assert.ok(out.similarity >= FACE_MATCH_THRESHOLD && out.similarity <= 1, String(out.similarity));
  });
  test('two different people: no match', () => {
    const r = face(['compare', path('collins--photo.jpg'), path('hopper--photo.jpg')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { match: boolean }).match, false);
  });
  test('a photo with four faces: exit 2, "several-faces"', () => {
    assertRefused(face(['compare', path('hopper--photo.jpg'), path('group--facereg.jpg')]), /group--facereg\.jpg: no usable face \(several-faces/);
  });
  test('a file that is not a JPEG: exit 2 with its frame code', () => {
    const text = join(dir, 'notes.jpg');
    writeFileSync(text, 'not a photo');
    assertRefused(face(['compare', text, path('hopper--photo.jpg')]), /FRAME_NOT_JPEG/);
  });
  test('a missing file and a wrong command line: exit 2', () => {
    assertRefused(face(['compare', join(dir, 'absent.jpg'), path('hopper--photo.jpg')]), /cannot read/);
    assertRefused(face(['compare', path('hopper--photo.jpg')]), /usage: caredesk face compare A.jpg B.jpg/);
  });
});
