/**
 * A photo given on the command line, through the face worker and the same quality gates as an
 * enrollment capture (one face, size, pose, light): `caredesk face compare` and `face enroll` both
 * read photos here, so both see exactly what sign-in would see.
 */
import { readFileSync } from 'node:fs';
import { frameGuidance, type FaceDetail } from '../shared/face';
import type { FaceClient } from '../electron/core/face/faceClient';

/** Bad input from the person at the command line: one line on stderr, exit 2. */
export class InputError extends Error {}

export async function usableFace(face: FaceClient, file: string): Promise<FaceDetail> {
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
  const guidance = frameGuidance(outcome.analysis);
  if (guidance || !outcome.analysis.face) throw new InputError(`${file}: no usable face (${guidance ?? 'no-face'}; ${outcome.analysis.faces.length} faces found)`);
  return outcome.analysis.face;
}

/** One line on stderr, exit code 2. */
export function refuse(message: string): number {
  process.stderr.write(`face: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  return 2;
}
