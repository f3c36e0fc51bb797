/**
 * Where the face models and the tfjs wasm binaries are, and how tfjs reads them: from files, never
 * the network (issue 9). `scripts/face-models.ts` puts them in `resources/models/`; a packaged app
 * finds the same folder under `process.resourcesPath` (electron-builder.yml `extraResources`).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { io } from '@tensorflow/tfjs-core';

export const defaultFaceModelsDir = resolve(import.meta.dirname, '../../../resources/models');
export const faceModelNames = ['blazeface', 'facemesh', 'faceres', 'antispoof', 'liveness'] as const;

/**
 * A clear error at start-up beats a model that silently fails to load inside Human. The .wasm
 * files are not required here: without them the wasm backend fails its start-up and cpu is used.
 */
export function checkFaceModels(dir: string): void {
  const missing = faceModelNames.flatMap((n) => [`${n}.json`, `${n}.bin`]).filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0) throw new Error(`face models missing in ${dir}: ${missing.join(', ')} (run: npx tsx scripts/face-models.ts)`);
}

interface ModelJson {
  modelTopology: unknown;
  weightsManifest: { paths: string[]; weights: io.WeightsManifestEntry[] }[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  signature?: unknown;
  userDefinedMetadata?: Record<string, unknown>;
}

/** tfjs' IOHandler for a `model.json` on disk and its weight files beside it. */
export function fileModelHandler(jsonPath: string): io.IOHandler {
  return {
    load: async () => {
      const model = JSON.parse(await readFile(jsonPath, 'utf8')) as ModelJson;
      const parts = await Promise.all(model.weightsManifest.flatMap((group) => group.paths.map((p) => readFile(join(dirname(jsonPath), p)))));
      const weights = Buffer.concat(parts);
      return {
        modelTopology: model.modelTopology as io.ModelArtifacts['modelTopology'],
        weightSpecs: model.weightsManifest.flatMap((group) => group.weights),
        weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
        format: model.format,
        generatedBy: model.generatedBy,
        convertedBy: model.convertedBy,
        signature: model.signature as io.ModelArtifacts['signature'],
        userDefinedMetadata: model.userDefinedMetadata as io.ModelArtifacts['userDefinedMetadata'],
      };
    },
  };
}

export const fileUrlPrefix = 'file://';
