/**
 * Reads the prescription knowledge shipped in `resources/rx/` and compiles it for the pure engine in
 * `shared/rx`. Every `formulary/*.json` and `interactions/*.json` file is loaded, so new drug files
 * need no code change; `compileKnowledge` validates each and rejects duplicates.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { compileKnowledge, KnowledgeError, type KnowledgeFile, type RxKnowledge } from '../../../shared/rx';

export const defaultRxResourcesDir = resolve(import.meta.dirname, '../../../resources/rx');

function readJson(dir: string, path: string): KnowledgeFile {
  const file = relative(resolve(dir, '../..'), path) || path;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new KnowledgeError([`${file}: cannot read (${error instanceof Error ? error.message : String(error)})`]);
  }
  try {
    return { file, data: JSON.parse(text) as unknown };
  } catch (error) {
    throw new KnowledgeError([`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`]);
  }
}

function readFolder(dir: string, folder: string): KnowledgeFile[] {
  return readdirSync(join(dir, folder))
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => readJson(dir, join(dir, folder, name)));
}

export function loadRxKnowledgeFiles(dir: string = defaultRxResourcesDir): Parameters<typeof compileKnowledge>[0] {
  return {
    formulary: readFolder(dir, 'formulary'),
    interactions: readFolder(dir, 'interactions'),
    highAlert: readJson(dir, join(dir, 'high-alert.json')),
    allergyClasses: readJson(dir, join(dir, 'allergy-classes.json')),
    chronicConditions: readJson(dir, join(dir, 'chronic-conditions.json')),
    firstVisitPilot: readJson(dir, join(dir, 'first-visit-pilot.json')),
    therapeuticClasses: readJson(dir, join(dir, 'therapeutic-classes.json')),
  };
}

const cache = new Map<string, RxKnowledge>();

/** Compiled once per directory and process: the files ship with the app and do not change under it. */
export function loadRxKnowledge(dir: string = defaultRxResourcesDir): RxKnowledge {
  let knowledge = cache.get(dir);
  if (!knowledge) {
    knowledge = compileKnowledge(loadRxKnowledgeFiles(dir));
    cache.set(dir, knowledge);
  }
  return knowledge;
}
