/**
 * Reads a knowledge directory laid out as `resources/rx/` (see its README). Runtime-neutral: the
 * caller hands in the two file-system calls it needs (`node:fs` satisfies them), so the
 * workstation, the server and the tools read the shipped files with this one function.
 */
import { KnowledgeError, type KnowledgeFile, type KnowledgeFiles } from './compile';

export interface KnowledgeFs {
  readdirSync(path: string): string[];
  readFileSync(path: string, encoding: 'utf8'): string;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function readJson(fs: KnowledgeFs, path: string): KnowledgeFile {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    throw new KnowledgeError([`${path}: cannot read (${messageOf(error)})`]);
  }
  try {
    return { file: path, data: JSON.parse(text) as unknown };
  } catch (error) {
    throw new KnowledgeError([`${path}: not valid JSON (${messageOf(error)})`]);
  }
}

/** Every `*.json` of a folder, in name order, so new drug or rule files need no code change. */
function readFolder(fs: KnowledgeFs, folder: string): KnowledgeFile[] {
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => readJson(fs, `${folder}/${name}`));
}

/** `dir` is the knowledge directory; "/" separates paths on every platform Node runs on. */
export function readKnowledgeFiles(dir: string, fs: KnowledgeFs): KnowledgeFiles {
  return {
    formulary: readFolder(fs, `${dir}/formulary`),
    interactions: readFolder(fs, `${dir}/interactions`),
    highAlert: readJson(fs, `${dir}/high-alert.json`),
    allergyClasses: readJson(fs, `${dir}/allergy-classes.json`),
    chronicConditions: readJson(fs, `${dir}/chronic-conditions.json`),
    firstVisitPilot: readJson(fs, `${dir}/first-visit-pilot.json`),
    therapeuticClasses: readJson(fs, `${dir}/therapeutic-classes.json`),
    elderly: readJson(fs, `${dir}/elderly.json`),
    hepatic: readJson(fs, `${dir}/hepatic.json`),
    pregnancyLactation: readJson(fs, `${dir}/pregnancy-lactation.json`),
  };
}
