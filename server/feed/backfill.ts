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

/**
 * A patient coming back into the pharmacists' scope (issue 8, item 5: their first prescription
 * waiting again, after the devices that reviewed the earlier ones dropped them) arrives with the
 * history a reviewer reads: every earlier prescription and the encounters they were written in,
 * re-sent flagged `review` at the end of the submitting transaction (the rest of the context,
 * patient, allergies and diagnoses, is re-sent with every submission: sync/handlers/prescription.ts).
 *
 * Why flagged copies rather than backfillChart's per-user ones: "waiting" is the same for every
 * pharmacist, so one copy serves them all (not one per pharmacist), and a pharmacist's pull sends
 * flagged rows of in-scope patients only, so each device whose cursor passes the submission gets
 * the history with it, and the copies carry seqs newer than any cached copy (applyChanges.ts).
 * Returns the last seq appended, null when there was nothing before.
 */
export async function resendReviewHistory(tx: Queryable, patientId: string, except: readonly string[]): Promise<number | null> {
  const prescriptions = await tx.query<{ id: string; encounter_id: string | null }>(
    `SELECT id, encounter_id FROM prescriptions WHERE patient_id = $1 AND NOT (id = ANY($2::text[])) ORDER BY id`,
    [patientId, except],
  );
  if (prescriptions.length === 0) return null;
  const encounters = [...new Set(prescriptions.flatMap((p) => (p.encounter_id === null ? [] : [p.encounter_id])))].sort();
  if (encounters.length > 0) await appendChanges(tx, 'encounters', encounters, { ...serverMeta, review: true });
  return appendChanges(tx, 'prescriptions', prescriptions.map((p) => p.id), { ...serverMeta, review: true });
}
