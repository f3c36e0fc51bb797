/**
 * The prescription knowledge shipped in `resources/rx/`, compiled for the pure engine in
 * `shared/rx`, with the hospital's formulary from the local store laid over it (knowledgeSource.ts).
 */
import * as fs from 'node:fs';
import { resolve } from 'node:path';
import { compileKnowledge, readKnowledgeFiles, type KnowledgeFiles, type RxKnowledge } from '../../../shared/rx';

/**
 * In the repository (tests, tools, `npm start`). A packaged app passes its own directory
 * (`process.resourcesPath/resources/rx`, see electron-builder.yml `extraResources`).
 */
export const defaultRxResourcesDir = resolve(import.meta.dirname, '../../../resources/rx');

const files = new Map<string, KnowledgeFiles>();
const compiled = new Map<string, RxKnowledge>();

/** Read once per directory and process: the files ship with the app and do not change under it. */
export function loadRxKnowledgeFiles(dir: string = defaultRxResourcesDir): KnowledgeFiles {
  let read = files.get(dir);
  if (!read) {
    read = readKnowledgeFiles(dir, fs);
    files.set(dir, read);
  }
  return read;
}

/** The shipped knowledge alone, compiled once per directory. */
export function loadRxKnowledge(dir: string = defaultRxResourcesDir): RxKnowledge {
  let knowledge = compiled.get(dir);
  if (!knowledge) {
    knowledge = compileKnowledge(loadRxKnowledgeFiles(dir));
    compiled.set(dir, knowledge);
  }
  return knowledge;
}
