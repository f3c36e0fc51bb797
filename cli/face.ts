/** `caredesk face compare|enroll ...` (issue 9, "Headless contract"). */
import { defaultFaceModelsDir } from '../electron/core/face/modelFiles';
import { compareUsage, runCompare } from './faceCompare';
import { enrollUsage, runEnroll } from './faceEnroll';
import { refuse } from './facePhoto';

export async function runFace(args: string[], modelsDir: string = defaultFaceModelsDir): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'compare') return runCompare(rest, modelsDir);
  if (sub === 'enroll') return runEnroll(rest, modelsDir);
  return refuse(`usage: ${compareUsage} | ${enrollUsage}`);
}
