import assert from 'node:assert/strict';
import type { Database } from '../../../../server/db/types';
import type { Db } from '../../store/database';

/**
 * What "nothing lost, nothing duplicated" means after a fault (issue 8, "Proof"), checked against
 * the real databases on both sides:
 * - every mutation the workstations queued is in the server's mutation log, applied (or a visible
 *   conflict), and in its change feed, with no row of the feed written twice for one mutation;
 * - no outbox holds anything, pending or held;
 * - each user's cache holds the server's latest rows, column for column, for every patient in
 *   that user's scope.
 */
export async function assertExactlyOnce(server: Database, sent: ReadonlySet<string>, caches: readonly { db: Db; userIds: readonly string[] }[]) {
  const ids = [...sent];
  assert.ok(ids.length > 0, 'the test queued mutations');
  const logged = await server.query<{ id: string; status: string }>(`SELECT id, outcome->>'status' AS status FROM mutations WHERE id = ANY($1::text[])`, [ids]);
  assert.equal(logged.length, ids.length, `every mutation is in the server's log (${logged.length} of ${ids.length})`);
  const refused = logged.filter((row) => row.status !== 'applied' && row.status !== 'conflict');
  assert.deepEqual(refused, [], 'and none was refused');

  const feed = await server.query<{ mutation_id: string; table_name: string; row_id: string; n: number }>(
    `SELECT mutation_id, table_name, row_id, count(*)::int AS n FROM changes WHERE mutation_id = ANY($1::text[]) GROUP BY 1, 2, 3`,
    [ids],
  );
  assert.deepEqual(feed.filter((row) => row.n !== 1), [], 'no mutation wrote a row into the feed twice');
  assert.equal(new Set(feed.map((row) => row.mutation_id)).size, ids.length, 'every mutation is in the feed');

  for (const { db, userIds } of caches) {
    assert.deepEqual(db.prepare(`SELECT kind, state, last_error FROM outbox`).all(), [], 'nothing left in the outbox');
    for (const userId of userIds) await assertCacheMatches(server, db, userId);
  }
}

/** patients by id, the rest by patient: the tables the fault workload writes. */
const compared = [
  { table: 'patients', patientColumn: 'id' },
  { table: 'allergies', patientColumn: 'patient_id' },
  { table: 'prescriptions', patientColumn: 'patient_id' },
] as const;

async function assertCacheMatches(server: Database, db: Db, userId: string) {
  const scope = db.prepare<[string], { patient_id: string }>(`SELECT patient_id FROM patient_scope WHERE user_id = ? ORDER BY patient_id`).all(userId).map((r) => r.patient_id);
  assert.ok(scope.length > 0, `user ${userId} has a scope on this workstation`);
  for (const { table, patientColumn } of compared) {
    // The columns both sides keep (some are server-only, a few workstation-only).
    const local = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all().map((c) => c.name);
    const remote = new Set((await server.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = $1`, [table])).map((c) => c.column_name));
    const columns = local.filter((c) => remote.has(c)).sort();
    const list = columns.join(', ');
    const cached = db.prepare(`SELECT ${list} FROM ${table} WHERE ${patientColumn} IN (SELECT value FROM json_each(?)) ORDER BY id`).all(JSON.stringify(scope));
    const latest = await server.query(`SELECT ${list} FROM ${table} WHERE ${patientColumn} = ANY($1::text[]) ORDER BY id COLLATE "C"`, [scope]);
    assert.deepEqual(cached.map(comparable), latest.map(comparable), `${table}: user ${userId}'s cache equals the server's rows`);
  }
}

/** SQLite has no booleans and keeps numbers as numbers: compare values by their text. */
function comparable(row: unknown): Record<string, string | null> {
  return Object.fromEntries(Object.entries(row as Record<string, unknown>).map(([key, value]) => [key, textOf(value)]));
}

function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}
