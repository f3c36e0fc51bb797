import type { Database } from './types';
import { openPostgres } from './postgres';
import { openPglite } from './pglite';
import { migrate } from './migrate';

export type DatabaseLocation = { url: string } | { dataDir: string } | { memory: true };

/** Opens the server's database and brings its schema up to date (or refuses a newer one). */
export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  const db = 'url' in location ? openPostgres(location.url) : await openPglite('dataDir' in location ? location.dataDir : undefined);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
