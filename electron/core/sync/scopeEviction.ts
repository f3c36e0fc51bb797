import type { PullResponse, WireTable } from '../../../shared/sync';
import type { Db } from '../store/database';

/** A patient's cached rows, children first (the cache's foreign keys point at patients and encounters). */
const patientTables = ['adr_reports', 'labs', 'conflicts', 'allergies', 'diagnoses', 'prescriptions', 'encounters'] as const satisfies readonly WireTable[];
/** What an eviction that removed copies changed, for the UI's cache refresh. */
export const evictedTables: readonly WireTable[] = [...patientTables, 'patients'];

export interface Eviction {
  /** Patients that left the user's view on this device. */
  left: number;
  /** Of those, the ones whose cached copies were removed (no other local user sees them). */
  removed: number;
}

/**
 * Keeps a pharmacist's cache to their scope (issue 8, item 5). The server names, on a pull's last
 * page, the patients the user's devices may keep (shared/sync/wire.ts, `keptPatients`); every
 * other patient this user's pulls brought (patient_scope) leaves their view, except those of the
 * department it may name (a pharmacist who is also that department's physician). Its cached copies go
 * too, unless:
 *  - another user of this workstation still sees it (a physician whose department holds it);
 *  - anything unsent names it: an outbox mutation in any state (pending, held, quarantined), or a
 *    prescription draft (never deleted, 003). Then the patient stays in the user's view as well and
 *    is looked at again each round, so it leaves once the change is sent.
 * Only copies: the server deletes nothing (DESIGN.md "Offline rules"), and a patient coming back
 * into scope arrives again with its history (server/feed/backfill.ts, resendReviewHistory).
 * Call inside the transaction that stores the page's cursor, so the two happen together or not at all.
 */
export function scopeEviction(db: Db) {
  const digestKey = (userId: string) => `kept.${userId}`;
  const readDigest = db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?');
  const writeDigest = db.prepare<[string, string]>(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const forget = db.prepare<[string]>('DELETE FROM kept_patients WHERE user_id = ?');
  const keep = db.prepare<[string, string]>('INSERT OR IGNORE INTO kept_patients (user_id, patient_id) VALUES (?, ?)');
  // A pharmacist who is also a physician keeps their department's patients whole (`department`).
  const leavers = db.prepare<{ user: string; department: string | null }, { patient_id: string }>(
    `SELECT s.patient_id FROM patient_scope s
      WHERE s.user_id = @user AND NOT EXISTS (SELECT 1 FROM kept_patients k WHERE k.user_id = s.user_id AND k.patient_id = s.patient_id)
        AND NOT EXISTS (SELECT 1 FROM patients p WHERE p.id = s.patient_id AND p.department = @department)
      ORDER BY s.patient_id`,
  );
  const unsent = db.prepare<{ patient: string }, { one: number }>(
    `SELECT 1 AS one WHERE EXISTS (SELECT 1 FROM prescription_drafts WHERE patient_id = @patient)
        OR EXISTS (SELECT 1 FROM outbox o
                    WHERE json_extract(o.payload, '$.patientId') = @patient
                       OR json_extract(o.payload, '$.allergyId') IN (SELECT id FROM allergies WHERE patient_id = @patient)
                       OR json_extract(o.payload, '$.diagnosisId') IN (SELECT id FROM diagnoses WHERE patient_id = @patient)
                       OR json_extract(o.payload, '$.prescriptionId') IN (SELECT id FROM prescriptions WHERE patient_id = @patient))`,
  );
  const leaveView = db.prepare<[string, string]>('DELETE FROM patient_scope WHERE user_id = ? AND patient_id = ?');
  const seenByOthers = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM patient_scope WHERE patient_id = ? LIMIT 1');
  const removeRows = patientTables.map((table) => db.prepare<[string]>(`DELETE FROM ${table} WHERE patient_id = ?`));
  const removePatient = db.prepare<[string]>('DELETE FROM patients WHERE id = ?');

  return {
    /** The digest of the list last kept for the user, `none` before the first (sent with each pull). */
    digest: (userId: string): string => readDigest.get(digestKey(userId))?.value ?? 'none',

    /** Applies a last page's `keptPatients`, if it carries one (pharmacists only), and evicts the rest. */
    settle(userId: string, kept: PullResponse['keptPatients']): Eviction {
      if (!kept) return { left: 0, removed: 0 };
      if (kept.patients) {
        forget.run(userId);
        for (const patientId of kept.patients) keep.run(userId, patientId);
        writeDigest.run(digestKey(userId), kept.digest);
      }
      const eviction: Eviction = { left: 0, removed: 0 };
      for (const { patient_id: patient } of leavers.all({ user: userId, department: kept.department ?? null })) {
        if (unsent.get({ patient })) continue;
        leaveView.run(userId, patient);
        eviction.left++;
        if (seenByOthers.get(patient)) continue;
        for (const remove of removeRows) remove.run(patient);
        removePatient.run(patient);
        eviction.removed++;
      }
      return eviction;
    },
  };
}
