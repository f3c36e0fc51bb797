/**
 * `caredesk face compare A.jpg B.jpg`: the headless contract of issue 9. Prints
 * `{"similarity":0.91,"match":true,"threshold":0.72}` and exits 0, with the same engine (the face
 * worker), quality gates and threshold as sign-in. A file without exactly one usable face, or a bad
 * command line, prints ONE line on stderr, nothing on stdout, and exits 2.
 */
import { cosineSimilarity, FACE_MATCH_THRESHOLD, isFaceMatch } from '../shared/face';
import { startFaceWorker } from '../electron/core/face/faceClient';
import { InputError, refuse, usableFace } from './facePhoto';

export const compareUsage = 'caredesk face compare A.jpg B.jpg';

export async function runCompare(args: string[], modelsDir: string): Promise<number> {
  const [a, b, ...extra] = args;
  if (!a || !b || extra.length > 0) return refuse(`usage: ${compareUsage}`);
  const face = await startFaceWorker({ modelsDir });
  try {
    const [first, second] = [await usableFace(face, a), await usableFace(face, b)];
    const similarity = cosineSimilarity(first.descriptor, second.descriptor);
    const output = { similarity: Number(similarity.toFixed(4)), match: isFaceMatch(similarity), threshold: FACE_MATCH_THRESHOLD };
    process.stdout.write(`${JSON.stringify(output)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof InputError) return refuse(error.message);
    throw error;
  } finally {
    await face.close();
  }
}
