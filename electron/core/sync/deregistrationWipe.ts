import type { Db } from '../store/database';

/**
 * Tables holding copies of the server's patient data, children before parents (the cache's
 * foreign keys point at patients and encounters). The global tables (users, formulary, signing
 * certificates, hospital settings) hold no patient data and stay: offline sign-in and a new
 * registration need the accounts.
 */
const copiedTables = ['adr_reports', 'review_decisions', 'conflicts', 'labs', 'allergies', 'diagnoses', 'prescriptions', 'emr_records', 'encounters'] as const;
/** This device's own caches of what the server sent, and the settled changes the server confirmed. */
const localCaches = ['patient_scope', 'kept_patients', 'recent_patients', 'review_queue_cache', 'review_notice_acks', 'outbox_settled'] as const;

export interface Wipe {
  /** Patients whose cached copies were removed. */
  patients: number;
  /** Rows removed in all. */
  rows: number;
}

/**
 * Removes what a revoked workstation holds of the server's data (issue 12: a deregistered device
 * wipes its cached copies at the next contact), in one transaction. What was never sent stays,
 * quarantined until an admin exports it (admin/quarantineArchive.ts): the outbox, the audit log,
 * drafts (a user's unsigned work, DESIGN.md "Offline rules") and the patient rows those drafts
 * name, so a draft still opens. Every pull position is forgotten: a device registered again
 * downloads its scope from the start.
 *
 * Signed records are never deleted anywhere else (migration 013); the `wipe.active` flag lets only
 * this transaction remove their copies (migration 017). The server keeps its own, and every record
 * signed here and not yet sent is in the outbox.
 */
export function deregistrationWipe(db: Db) {
  const raise = db.prepare(`INSERT INTO sync_state (key, value) VALUES ('wipe.active', '1')`);
  const lower = db.prepare(`DELETE FROM sync_state WHERE key = 'wipe.active'`);
  const removeCopies = copiedTables.map((table) => db.prepare(`DELETE FROM ${table}`));
  const removeCaches = localCaches.map((table) => db.prepare(`DELETE FROM ${table}`));
  // A review decision this device sent and heard answered is the server's now; an unanswered one may still need sending.
  const removeAnsweredSends = db.prepare(`DELETE FROM review_decision_sends WHERE answer IS NOT NULL`);
  // Templates that roamed in from the server are its data too; one enrolled here stays with its consent.
  const removeRoamedTemplates = db.prepare(`DELETE FROM face_templates WHERE origin = 'roamed'`);
  const removePatients = db.prepare(
    `DELETE FROM patients
      WHERE id NOT IN (SELECT patient_id FROM prescription_drafts)
        AND id NOT IN (SELECT patient_id FROM emr_drafts)`,
  );
  const forgetPositions = db.prepare(`DELETE FROM sync_state WHERE key LIKE 'pull.%' OR key LIKE 'kept.%'`);

  return (): Wipe =>
    db.transaction(() => {
      raise.run();
      let rows = 0;
      for (const remove of [...removeCopies, ...removeCaches, removeAnsweredSends, removeRoamedTemplates]) rows += remove.run().changes;
      const patients = removePatients.run().changes;
      forgetPositions.run();
      lower.run();
      return { patients, rows: rows + patients };
    })();
}
