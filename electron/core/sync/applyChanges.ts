import { keepLocal, wireColumns, wireTables, type Change, type WireTable } from '../../../shared/sync';
import type { Db } from '../store/database';

/**
 * Applies pulled rows as upserts (a users row's retired `password_hash` is never stored, whatever
 * an older server sends: offline sign-in uses this device's own verifiers, issue 8 item 9), table by table, with the statements prepared once. Callers wrap
 * a page and its new cursor in one transaction: a crash leaves both or neither.
 */
export function changeApplier(db: Db) {
  const upserts = Object.fromEntries(
    wireTables.map((table) => {
      const columns = wireColumns[table] as string[];
      const kept = new Set<string>(keepLocal[table] ?? []);
      const updates = columns
        .filter((c) => c !== 'id')
        .map((c) => (kept.has(c) ? `${c} = COALESCE(excluded.${c}, ${table}.${c})` : `${c} = excluded.${c}`));
      return [
        table,
        db.prepare<[object]>(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})
           ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`,
        ),
      ];
    }),
  ) as unknown as Record<WireTable, { run(row: object): unknown }>;

  /** Returns the tables that changed, for the UI's cache refresh. */
  return function apply(changes: readonly Change[]): Set<WireTable> {
    const touched = new Set<WireTable>();
    for (const change of changes) {
      upserts[change.table].run(change.table === 'users' ? { ...change.row, password_hash: '' } : change.row);
      touched.add(change.table);
    }
    return touched;
  };
}

/**
 * The cache mirrors a server that enforces references itself, and a scope may hold a row without
 * its parent (a pharmacist sees a prescription, not the encounter history behind it), so foreign
 * keys are not checked while pulled rows are written. SQLite ignores this pragma inside a
 * transaction, hence around it; all store access is on this one thread, so nothing interleaves.
 */
export function withoutForeignKeys<T>(db: Db, run: () => T): T {
  db.pragma('foreign_keys = OFF');
  try {
    return run();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}
