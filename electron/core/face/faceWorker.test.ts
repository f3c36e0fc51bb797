/**
 * The face engine in its worker thread, on real photos (scripts/face-testset.sh): one face gives a
 * descriptor and its pose, several faces give none, the same person matches across lighting and
 * different people do not, and a bad frame is refused with its code while the worker carries on.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cosineSimilarity, FACE_MATCH_THRESHOLD, frameGuidance, type FaceAnalysis } from '../../../shared/face';
import { startFaceWorker, type FaceClient } from './faceClient';
import { faceTestSet, photo } from './testSet';

const set = faceTestSet();
const skip = set.photos ? false : `face test set unavailable: ${set.skipReason}`;

describe('face worker on real photos', { skip }, () => {
  let face: FaceClient;
  before(async () => {
    face = await startFaceWorker({ modelsDir: set.modelsDir });
  });
  after(() => face.close());

  async function analyse(file: string): Promise<FaceAnalysis> {
    const outcome = await face.analyse(readFileSync(photo(set, file).path));
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
    return outcome.analysis;
  }

  test('starts on the wasm backend', () => assert.equal(face.backend, 'wasm'));

  test('one frontal face: a 1024-d descriptor, frontal pose, open eyes, usable exposure', async () => {
    const a = await analyse('hopper--photo.jpg');
    assert.equal(a.faces.length, 1);
    assert.equal(a.face?.descriptor.length, 1024);
    assert.ok(Math.abs(a.face.yaw) < 10 && Math.abs(a.face.pitch) < 15, `pose ${a.face.yaw} ${a.face.pitch}`);
    assert.ok(a.face.eyeOpenness > 0.18, `eyes ${a.face.eyeOpenness}`);
    assert.equal(frameGuidance(a), null);
  });

  test('four faces in one picture: seen as several (the detector stops at two), no descriptor, "several faces"', async () => {
    const a = await analyse('group--facereg.jpg');
    assert.equal(a.faces.length, 2);
    assert.equal(a.face, undefined);
    assert.equal(frameGuidance(a), 'several-faces');
  });

  test('yaw says which way the head is turned: Messi turned to his own left, his mirror image to his right', async () => {
    const turned = await analyse('messi--photo.jpg');
    const mirrored = await analyse('messi--mirror.jpg');
    assert.ok(turned.face && turned.face.yaw > 10, `yaw ${turned.face?.yaw}`);
    assert.ok(mirrored.face && mirrored.face.yaw < -10, `yaw ${mirrored.face?.yaw}`);
    assert.equal(frameGuidance(turned), 'move-closer'); // a small face in a wide shot
  });

  test('the same person under harsh and dim light matches; two different people do not', async () => {
    const [lit, dim, other] = await Promise.all(['yale--light1.jpg', 'yale--light4.jpg', 'hopper--photo.jpg'].map(analyse));
    const same = cosineSimilarity(lit!.face!.descriptor, dim!.face!.descriptor);
    const different = cosineSimilarity(lit!.face!.descriptor, other!.face!.descriptor);
    assert.ok(same >= FACE_MATCH_THRESHOLD, `same person ${same}`);
    assert.ok(different < FACE_MATCH_THRESHOLD, `different people ${different}`);
  });

  test('a bad frame gets its code and the worker still answers the next one', async () => {
    const bad = await face.analyse(new TextEncoder().encode('not a picture'));
    assert.deepEqual(bad.ok ? 'analysed' : bad.code, 'FRAME_NOT_JPEG');
    const next = await analyse('collins--photo.jpg');
    assert.equal(next.faces.length, 1);
  });
});

describe('face worker without the wasm binaries', { skip }, () => {
  test('the wasm backend fails its start-up and the cpu backend finds the face instead', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'face-models-'));
    try {
      for (const f of readdirSync(set.modelsDir).filter((f) => /\.(json|bin)$/.test(f))) copyFileSync(join(set.modelsDir, f), join(dir, f));
      const face = await startFaceWorker({ modelsDir: dir });
      try {
        assert.equal(face.backend, 'cpu');
        const outcome = await face.analyse(readFileSync(photo(set, 'hopper--photo.jpg').path));
        assert.equal(outcome.ok && outcome.analysis.face?.descriptor.length, 1024);
      } finally {
        await face.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
