import type { Database } from './types';
import { migrations } from './migrations';

export class DatabaseTooNewError extends Error {
  constructor(readonly found: number, readonly known: number) {
    super(`the database is at schema version ${found} but this server knows only ${known}: it was written by a newer CareDesk server; upgrade this server`);
    this.name = 'DatabaseTooNewError';
  }
}

/**
 * Applies the numbered, forward-only migrations that are missing, all in one transaction, and
 * records each in `schema_migrations`. An advisory lock keeps two servers starting at once on the
 * same PostgreSQL from migrating twice. Returns the schema version now in force.
 */
export async function migrate(db: Database): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(7242001)`);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const [row] = await tx.query<{ version: number | null }>(`SELECT max(version) AS version FROM schema_migrations`);
    const current = row?.version ?? 0;
    if (current > migrations.length) throw new DatabaseTooNewError(current, migrations.length);
    for (const migration of migrations.slice(current)) {
      await tx.exec(migration.sql);
      await tx.query(`INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
    }
    return migrations.length;
  });
}

export async function schemaVersion(db: Database): Promise<number> {
  const [row] = await db.query<{ version: number | null }>(`SELECT max(version) AS version FROM schema_migrations`);
  return row?.version ?? 0;
}
