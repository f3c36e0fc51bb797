import { keepLocal, wireColumns, wireTables, type Change, type WireTable } from '../../../shared/sync';
import type { Db } from '../store/database';
import { faceTemplatesTable } from '../store/faceTemplates';
import { roamedTemplateApplier, type RoamedTemplateEvent } from '../face/roaming';

/**
 * Applies pulled rows as upserts (a users row's retired `password_hash` is never stored, whatever
 * an older server sends: offline sign-in uses this device's own verifiers, issue 8 item 9), table by table, with the statements prepared once. Callers wrap
 * a page and its new cursor in one transaction: a crash leaves both or neither.
 *
 * A cached row never goes back in time (DESIGN.md "Offline rules"): each row keeps the feed seq
 * its copy came from (`feed_seq`, migration 006), and a copy from an earlier seq changes nothing.
 * Each user pulls from their own cursor, so one whose cursor is older (a first sign-in on a shared
 * workstation, a scope reset, the pharmacists' view that holds a patient's context only up to a
 * review) replays copies older than those cached. Seq is the server's commit order, the only
 * clock that orders changes; the same seq again is the same copy, so it is skipped too (and a local
 * edit not yet pushed stays until a newer copy arrives). A row this workstation wrote itself has
 * no seq until its echo arrives, so any copy from the feed replaces it.
 */
export function changeApplier(db: Db, onFaceTemplate?: (event: RoamedTemplateEvent) => void) {
  // A roaming face template is not a cached row: it joins this device's own templates (face/roaming.ts).
  const roamed = roamedTemplateApplier(faceTemplatesTable(db), onFaceTemplate);
  const upserts = Object.fromEntries(
    wireTables.filter((table) => table !== 'face_templates').map((table) => {
      const columns = wireColumns[table] as string[];
      const kept = new Set<string>(keepLocal[table] ?? []);
      const updates = columns
        .filter((c) => c !== 'id')
        .map((c) => (kept.has(c) ? `${c} = COALESCE(excluded.${c}, ${table}.${c})` : `${c} = excluded.${c}`));
      // Bound by position, in wire-column order: a first download binds a million values, and
      // named parameters cost a lookup each plus a copy of every row to add its feed_seq.
      const statement = db.prepare<unknown[]>(
        `INSERT INTO ${table} (${columns.join(', ')}, feed_seq) VALUES (${columns.map(() => '?').join(', ')}, ?)
         ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}, feed_seq = excluded.feed_seq
         WHERE excluded.feed_seq > coalesce(${table}.feed_seq, 0)`,
      );
      // A password hash is never stored here, whatever an older server sends (issue 8, item 9).
      const valueOf = (row: Record<string, unknown>, column: string) => (table === 'users' && column === 'password_hash' ? '' : row[column]);
      const values = new Array<unknown>(columns.length + 1);
      return [
        table,
        (row: Record<string, unknown>, seq: number) => {
          for (let i = 0; i < columns.length; i++) values[i] = valueOf(row, columns[i]!);
          values[columns.length] = seq;
          statement.run(values);
        },
      ];
    }),
  ) as Record<Exclude<WireTable, 'face_templates'>, (row: Record<string, unknown>, seq: number) => void>;

  /** Returns the tables that changed, for the UI's cache refresh. */
  return function apply(changes: readonly Change[]): Set<WireTable> {
    const touched = new Set<WireTable>();
    for (const change of changes) {
      if (change.table === 'face_templates') roamed(change.row, change.seq);
      else upserts[change.table](change.row, change.seq);
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
