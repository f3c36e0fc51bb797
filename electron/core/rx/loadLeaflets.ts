/**
 * The shipped high-alert patient leaflets (`resources/rx/leaflets/`, shared/rx/leaflets.ts),
 * validated against the knowledge they refer to. Read once per directory and process.
 */
import * as fs from 'node:fs';
import { compileLeaflets, readLeafletFiles, type LeafletBook } from '../../../shared/rx/leaflets';
import type { RxKnowledge } from '../../../shared/rx';
import { defaultRxResourcesDir, loadRxKnowledge } from './loadKnowledge';

const books = new Map<string, LeafletBook>();

/** Checked against the shipped knowledge: a hospital formulary only adds drugs, which fall back to their entry's leaflet. */
export function loadLeaflets(dir: string = defaultRxResourcesDir, knowledge: RxKnowledge = loadRxKnowledge(dir)): LeafletBook {
  let book = books.get(dir);
  if (!book) {
    book = compileLeaflets(readLeafletFiles(`${dir}/leaflets`, fs), knowledge);
    books.set(dir, book);
  }
  return book;
}
