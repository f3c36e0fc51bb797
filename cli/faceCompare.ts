/**
 * `caredesk face compare A.jpg B.jpg`: the headless contract of issue 9. Prints
 * `{"similarity":0.91,"match":true,"threshold":0.72}` and exits 0, with the same engine (the face
 * worker), quality gates and threshold as sign-in. A file without exactly one usable face, or a bad
 * command line, prints ONE line on stderr, nothing on stdout, and exits 2.
 */
import { readFileSync } from 'node:fs';
import { cosineSimilarity, FACE_MATCH_THRESHOLD, frameGuidance, isFaceMatch, type FaceDetail } from '../shared/face';
import { startFaceWorker, type FaceClient } from '../electron/core/face/faceClient';
import { defaultFaceModelsDir } from '../electron/core/face/modelFiles';

const usage = 'usage: caredesk face compare A.jpg B.jpg';

class InputError extends Error {}

async function usableFace(face: FaceClient, file: string): Promise<FaceDetail> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const outcome = await face.analyse(bytes);
  if (!outcome.ok) {
    if (outcome.code === 'ENGINE_FAILED') throw new Error(outcome.message);
    throw new InputError(`${file}: ${outcome.code}: ${outcome.message}`);
  }
  // Registration photos pass the same gates as an enrollment capture: one face, size, pose, light.
  const guidance = frameGuidance(outcome.analysis);
  if (guidance || !outcome.analysis.face) throw new InputError(`${file}: no usable face (${guidance ?? 'no-face'}; ${outcome.analysis.faces.length} faces found)`);
  return outcome.analysis.face;
}

export async function runFace(args: string[], modelsDir: string = defaultFaceModelsDir): Promise<number> {
  const [sub, a, b, ...extra] = args;
  if (sub !== 'compare' || !a || !b || extra.length > 0) return fail(usage);
  const face = await startFaceWorker({ modelsDir });
  try {
    const [first, second] = [await usableFace(face, a), await usableFace(face, b)];
    const similarity = cosineSimilarity(first.descriptor, second.descriptor);
    const output = { similarity: Number(similarity.toFixed(4)), match: isFaceMatch(similarity), threshold: FACE_MATCH_THRESHOLD };
    process.stdout.write(`${JSON.stringify(output)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof InputError) return fail(error.message);
    throw error;
  } finally {
    await face.close();
  }
}

function fail(message: string): number {
  process.stderr.write(`face: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  return 2;
}
