import { globalTables, wireTables, type WireTable } from '../../shared/sync/rows';
import type { Queryable } from '../db/types';
import { appendChanges, serverMeta } from './append';

/** Tables that make up a patient's chart: every synced table that names a patient. */
const chartTables: readonly WireTable[] = wireTables.filter((table) => !globalTables.includes(table));

/**
 * When a write grants a user access to a patient (sync/context.ts), appends the patient's current
 * chart to the feed for that user alone (`audience`, migration 006), in the same transaction as
 * the grant. Issue 8, item 4: every device of a user converges to the same chart, the ones that
 * pulled past the patient's earlier rows as well as a fresh one.
 *
 * Why copies in the feed rather than a per-grant backfill at pull time: the feed stays the one
 * thing a cursor walks, in commit order. The copies commit with the grant, so any device whose
 * cursor passes the grant has the chart too, with nothing to remember per device and grant; and
 * each copy carries a seq newer than every earlier copy, so the workstation's "never back in time"
 * rule (electron/core/sync/applyChanges.ts) keeps it. The cost is one copy of a chart per new
 * grant (not for a physician's own department, which they received all along), seen by one user.
 */
export async function backfillChart(tx: Queryable, patientId: string, userId: string): Promise<void> {
  for (const table of chartTables) {
    const rows = await tx.query<{ id: string }>(
      `SELECT id FROM ${table} WHERE ${table === 'patients' ? 'id' : 'patient_id'} = $1 ORDER BY id`,
      [patientId],
    );
    if (rows.length > 0) await appendChanges(tx, table, rows.map((r) => r.id), { ...serverMeta, audience: userId });
  }
}
