import { rmSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../db/open';
import type { Database } from '../db/types';

/**
 * Real databases for tests, never mocks. Every test gets its own: a fresh PGlite data directory,
 * or, when CAREDESK_TEST_DATABASE_URL points at a PostgreSQL cluster (scripts/pg-cluster.sh), a
 * fresh `CREATE DATABASE t_<random>` on it.
 */
export const postgresUrl = process.env.CAREDESK_TEST_DATABASE_URL;
export type DbKind = 'pglite' | 'postgres';
export const skipPostgres = postgresUrl
  ? false
  : 'CAREDESK_TEST_DATABASE_URL is not set: PostgreSQL variant skipped (start one with scripts/pg-cluster.sh start)';

export interface TestDatabase {
  db: Database;
  kind: DbKind;
  /** Connection string of this test's own database (postgres only), e.g. for a spawned server. */
  url?: string;
  /** The cluster's connection string (postgres only), to drop and create this test's database. */
  clusterUrl?: string;
  /** PGlite's data directory (pglite only), e.g. to copy it and put it back (a power loss). */
  dataDir?: string;
  dispose(): Promise<void>;
}

// initdb inside PGlite takes seconds; a migrated template directory copied per test takes less than one.
let template: Promise<string> | undefined;
async function pgliteTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caredesk-pglite-template-'));
    const db = await openDatabase({ dataDir: dir });
    await db.close();
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  })();
  return template;
}

/** `clusterUrl` picks another PostgreSQL cluster than CAREDESK_TEST_DATABASE_URL (a test's own). */
export async function openTestDatabase(kind: DbKind, clusterUrl = postgresUrl): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const dir = await mkdtemp(join(tmpdir(), 'caredesk-pglite-'));
    await cp(await pgliteTemplate(), dir, { recursive: true });
    const db = await openDatabase({ dataDir: dir });
    // `opened.db`, not `db`: a test that restores a backup replaces it (restorable.ts).
    const opened: TestDatabase = { db, kind, dataDir: dir, dispose: async () => { await opened.db.close(); await rm(dir, { recursive: true, force: true }); } };
    return opened;
  }
  if (!clusterUrl) throw new Error('CAREDESK_TEST_DATABASE_URL is not set');
  const name = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(clusterUrl, `CREATE DATABASE ${name}`);
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString() });
  const opened: TestDatabase = {
    db, kind, url: url.toString(), clusterUrl,
    dispose: async () => {
      await opened.db.close();
      await adminQuery(clusterUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
  return opened;
}

async function adminQuery(clusterUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The variants a database test runs on: PGlite always, PostgreSQL when configured. */
export const dbVariants: readonly { kind: DbKind; skip: string | false }[] = [
  { kind: 'pglite', skip: false },
  { kind: 'postgres', skip: skipPostgres },
];
