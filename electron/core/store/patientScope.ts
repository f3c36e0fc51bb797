import { AppFailure } from '../../../shared/result';
import type { Change } from '../../../shared/sync';
import type { Db } from './database';

/**
 * Per-user visibility of cached patients. Pulls grant it (every row that names a patient was sent
 * because the user may see that patient); a scope reset (department move) withdraws it all before
 * the backfill grants the new scope. Rows stay cached: nothing clinical is deleted.
 */
export function patientScopeTable(db: Db) {
  const grant = db.prepare<[string, string]>('INSERT OR IGNORE INTO patient_scope (user_id, patient_id) VALUES (?, ?)');
  const reset = db.prepare<[string]>('DELETE FROM patient_scope WHERE user_id = ?');
  const visible = db.prepare<[string, string], { one: number }>(
    'SELECT 1 AS one FROM patient_scope WHERE user_id = ? AND patient_id = ?',
  );
  return {
    /** Call inside the transaction that applies the pulled page. */
    grantFrom(userId: string, changes: readonly Change[]): void {
      for (const change of changes) {
        const row = change.row as { id: string; patient_id?: string };
        if (change.table === 'patients') grant.run(userId, row.id);
        else if (typeof row.patient_id === 'string') grant.run(userId, row.patient_id);
      }
    },
    resetUser: (userId: string) => void reset.run(userId),
    isVisible: (userId: string, patientId: string) => visible.get(userId, patientId) !== undefined,
  };
}

/**
 * The read gate for patient data. Without a hospital server (a store seeded for a demo or test)
 * every cached patient is visible to clinical roles; with one, only the user's own scope.
 */
export function patientAccess(db: Db, scoped: boolean) {
  const scope = patientScopeTable(db);
  return {
    /** The user whose scope filters a search, or null when nothing is filtered. */
    scopeUser: (userId: string): string | null => (scoped ? userId : null),
    assertVisible(userId: string, patientId: string): void {
      if (scoped && !scope.isVisible(userId, patientId)) {
        throw new AppFailure('NOT_FOUND', 'No patient with that id is in your scope on this workstation.');
      }
    },
  };
}
export type PatientAccess = ReturnType<typeof patientAccess>;
