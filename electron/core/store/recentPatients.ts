import type { Db } from './database';

/** How many recently opened patients each user keeps: enough for a clinic session, never a history. */
const kept = 30;

/**
 * The patients a user opened last on this workstation, put first in their search (issue 11). Local
 * only: never synced, never audited as a clinical change; rows name a patient id and nothing else.
 */
export function recentPatientsTable(db: Db, now: () => number = Date.now) {
  const upsert = db.prepare<[string, string, number]>(
    `INSERT INTO recent_patients (user_id, patient_id, opened_at) VALUES (?, ?, ?)
     ON CONFLICT (user_id, patient_id) DO UPDATE SET opened_at = excluded.opened_at`,
  );
  const trim = db.prepare<[string, string, number]>(
    `DELETE FROM recent_patients WHERE user_id = ? AND patient_id NOT IN
       (SELECT patient_id FROM recent_patients WHERE user_id = ? ORDER BY opened_at DESC LIMIT ?)`,
  );
  return {
    opened: (userId: string, patientId: string) =>
      db.transaction(() => {
        upsert.run(userId, patientId, now());
        trim.run(userId, userId, kept);
      })(),
  };
}
export type RecentPatients = ReturnType<typeof recentPatientsTable>;
