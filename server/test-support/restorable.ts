import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../db/open';
import type { Database, Queryable } from '../db/types';
import type { TestDatabase } from './databases';

const run = promisify(execFile);
const pgBin = (tool: string) => join(process.env.CAREDESK_PG_BIN ?? '/usr/lib/postgresql/15/bin', tool);

/**
 * A test's real database that can be taken back to an earlier backup while the server keeps
 * running on it, as a hospital's IT would after a loss: PostgreSQL with `pg_dump` and `psql` into
 * a database dropped and created again; PGlite by copying its data directory while it is closed
 * and putting the copy back (what a power loss without fsync leaves). The server holds this
 * object; each call goes to the database open at the moment.
 */
export interface RestorableDatabase extends Database {
  backup(): Promise<string>;
  restore(backup: string): Promise<void>;
  dispose(): Promise<void>;
}

export function restorable(test: TestDatabase): RestorableDatabase {
  let current: Database = test.db;
  const backups: string[] = [];
  const reopen = async () => {
    current = await openDatabase(test.kind === 'pglite' ? { dataDir: test.dataDir! } : { url: test.url! });
  };
  const psql = (url: string, sql: string) => run(pgBin('psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql]);

  return {
    get kind() {
      return current.kind;
    },
    query: <T extends object>(sql: string, params?: Parameters<Queryable['query']>[1]) => current.query<T>(sql, params),
    exec: (sql: string) => current.exec(sql),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => current.transaction(fn),
    close: () => current.close(),
    async backup() {
      const dir = await mkdtemp(join(tmpdir(), 'caredesk-backup-'));
      backups.push(dir);
      if (test.kind === 'postgres') {
        await run(pgBin('pg_dump'), ['--no-owner', '-f', join(dir, 'dump.sql'), test.url!]);
        return dir;
      }
      await current.close();
      await cp(test.dataDir!, join(dir, 'pgdata'), { recursive: true });
      await reopen();
      return dir;
    },
    async restore(backup) {
      await current.close();
      if (test.kind === 'postgres') {
        const name = new URL(test.url!).pathname.slice(1);
        await psql(test.clusterUrl!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await psql(test.clusterUrl!, `CREATE DATABASE ${name}`);
        await run(pgBin('psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', test.url!, '-f', join(backup, 'dump.sql')]);
      } else {
        await rm(test.dataDir!, { recursive: true, force: true });
        await cp(join(backup, 'pgdata'), test.dataDir!, { recursive: true });
      }
      await reopen();
    },
    async dispose() {
      // The database the test opened first may have been closed and replaced: close what is open.
      test.db = current;
      await test.dispose();
      for (const dir of backups) await rm(dir, { recursive: true, force: true });
    },
  };
}
