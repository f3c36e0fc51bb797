import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { migrate, DatabaseTooNewError } from './migrate';
import { migrations } from './migrations';
import { dbVariants, openTestDatabase } from '../test-support/databases';

for (const { kind, skip } of dbVariants) {
  describe(`migrations [${kind}]`, { skip }, () => {
    test('run once, are recorded, and a database from a newer server is refused', async () => {
      const testDb = await openTestDatabase(kind);
      const { db } = testDb;
      try {
        assert.equal(await migrate(db), migrations.length, 'a second run changes nothing');
        const rows = await db.query<{ version: number }>(`SELECT version FROM schema_migrations ORDER BY version`);
        assert.deepEqual(rows.map((r) => r.version), migrations.map((m) => m.version));
        await db.query(`INSERT INTO schema_migrations (version, name) VALUES ($1, 'from the future')`, [migrations.length + 1]);
        await assert.rejects(migrate(db), (error: unknown) => error instanceof DatabaseTooNewError && /newer CareDesk server/.test(error.message));
      } finally {
        await testDb.dispose();
      }
    });

    test('a failed transaction leaves nothing behind', async () => {
      const testDb = await openTestDatabase(kind);
      const { db } = testDb;
      try {
        await assert.rejects(db.transaction(async (tx) => {
          await tx.query(`UPDATE change_counter SET last_seq = last_seq + 1`);
          throw new Error('boom');
        }));
        const [row] = await db.query<{ last_seq: number }>(`SELECT last_seq FROM change_counter`);
        assert.equal(row!.last_seq, 0);
      } finally {
        await testDb.dispose();
      }
    });
  });
}
