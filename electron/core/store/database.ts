import Database from 'better-sqlite3-multiple-ciphers';
import { AppFailure } from '../../../shared/result';
import { migrations } from './migrations';

export type Db = Database.Database;

/** A statement that can only read: the type has no `run`. */
export type ReadStatement<P extends unknown[], R> = Pick<Database.Statement<P, R>, 'get' | 'all' | 'iterate' | 'columns'>;

/** The store as a query module that must never write sees it (STYLE.md: read access typed apart). */
export interface ReadDb {
  prepare<P extends unknown[] | object = unknown[], R = unknown>(sql: string): P extends unknown[] ? ReadStatement<P, R> : ReadStatement<[P], R>;
}

/**
 * Read-only access to the store. Beyond the type, a statement that would write is refused when it
 * is prepared (SQLite says whether a statement can modify the database: better-sqlite3's
 * `Statement.readonly`), so a write slipped into a read module fails at once, in every test.
 */
export function readOnly(db: Db): ReadDb {
  return {
    prepare(sql: string) {
      const statement = db.prepare(sql);
      if (!statement.readonly) throw new Error(`a read-only query module prepared a statement that writes: ${sql.trim().split('\n')[0]}`);
      return statement;
    },
  } as ReadDb;
}

/**
 * Opens the encrypted local store. The key is 32 random bytes held by the OS keychain (see
 * keyring.ts); SQLCipher's format is used so the file can be inspected with standard tools that
 * hold the key. A wrong or missing key, or a file that is not a CareDesk store, fails here with a
 * message a person can act on, and nothing is written.
 */
export function openDatabase(file: string, key: Buffer): Db {
  if (key.length !== 32) throw new AppFailure('STORE_UNAVAILABLE', 'The store key must be 32 bytes.');
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: false });
  } catch (error) {
    throw new AppFailure('STORE_UNAVAILABLE', `The local store at ${file} cannot be opened: ${reason(error)}`);
  }
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma(`legacy=4`);
    // A hex blob key skips SQLCipher's passphrase derivation: the key is already random.
    db.pragma(`key="x'${key.toString('hex')}'"`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    throw new AppFailure(
      'STORE_UNAVAILABLE',
      `The local store at ${file} cannot be read: the key does not match or the file is damaged (${reason(error)}).`,
    );
  }
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  // 64 MiB of decrypted pages (the default is 2 MiB): a first download's pages of rows and their
  // indexes stay in memory between commits instead of being read back and decrypted again.
  db.pragma('cache_size = -65536');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/** Runs each pending migration in its own transaction and records it in `user_version`. */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new AppFailure(
      'STORE_UNAVAILABLE',
      `This store was written by a newer CareDesk (schema ${current}; this version knows up to ${migrations.length}). Update CareDesk to open it.`,
    );
  }
  migrations.slice(current).forEach((sql, offset) => {
    const version = current + offset + 1;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  });
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
