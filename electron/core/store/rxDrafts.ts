import { DraftContent } from '../../../shared/rx/draft';
import type { Db } from './database';

export interface DraftRow {
  id: string;
  patientId: string;
  encounterId: string;
  authorId: string;
  deviceId: string;
  content: DraftContent;
  previousId: string | null;
  revisionReason: string | null;
  state: 'open' | 'signed' | 'discarded';
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  patient_id: string;
  encounter_id: string;
  author_id: string;
  device_id: string;
  content: string;
  previous_id: string | null;
  revision_reason: string | null;
  state: DraftRow['state'];
  created_at: string;
  updated_at: string;
}

const toDraft = (r: Row): DraftRow => ({
  id: r.id,
  patientId: r.patient_id,
  encounterId: r.encounter_id,
  authorId: r.author_id,
  deviceId: r.device_id,
  // Parsed on the way out too: a draft written by an older build must not reach the engine unchecked.
  content: DraftContent.parse(JSON.parse(r.content)),
  previousId: r.previous_id,
  revisionReason: r.revision_reason,
  state: r.state,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * Prescription drafts: local to this device and their author until signed. Never deleted: signing
 * and discarding are states. Every write is one statement, so an autosave is atomic.
 */
export function rxDraftsTable(db: Db) {
  const insert = db.prepare(
    `INSERT INTO prescription_drafts (id, patient_id, encounter_id, author_id, device_id, content, previous_id, revision_reason, state, created_at, updated_at)
     VALUES (@id, @patientId, @encounterId, @authorId, @deviceId, @content, @previousId, @revisionReason, 'open', @at, @at)`,
  );
  const byId = db.prepare<[string], Row>(`SELECT * FROM prescription_drafts WHERE id = ?`);
  const openForPatient = db.prepare<[string, string, string], Row>(
    `SELECT * FROM prescription_drafts WHERE author_id = ? AND device_id = ? AND patient_id = ? AND state = 'open'
      ORDER BY created_at, id`,
  );
  const openInVisit = db.prepare<[string], Row>(
    `SELECT * FROM prescription_drafts WHERE encounter_id = ? AND state = 'open' ORDER BY created_at, id`,
  );
  const save = db.prepare<[string, string, string]>(
    `UPDATE prescription_drafts SET content = ?, updated_at = ? WHERE id = ? AND state = 'open'`,
  );
  const setState = db.prepare<[DraftRow['state'], string, string]>(
    `UPDATE prescription_drafts SET state = ?, updated_at = ? WHERE id = ? AND state = 'open'`,
  );
  const openRevisionOf = db.prepare<[string], { id: string }>(
    `SELECT id FROM prescription_drafts WHERE previous_id = ? AND state = 'open' LIMIT 1`,
  );

  return {
    create(draft: Omit<DraftRow, 'state' | 'createdAt' | 'updatedAt'>, at: string): void {
      insert.run({ ...draft, content: JSON.stringify(DraftContent.parse(draft.content)), at });
    },
    get: (id: string): DraftRow | null => {
      const row = byId.get(id);
      return row ? toDraft(row) : null;
    },
    /** The author's unsigned drafts for a patient on this device, oldest first. */
    openForPatient: (authorId: string, deviceId: string, patientId: string): DraftRow[] =>
      openForPatient.all(authorId, deviceId, patientId).map(toDraft),
    openInVisit: (encounterId: string): DraftRow[] => openInVisit.all(encounterId).map(toDraft),
    /** False when the draft is no longer open (signed or discarded meanwhile). */
    save: (id: string, content: DraftContent, at: string): boolean => save.run(JSON.stringify(content), at, id).changes === 1,
    markSigned: (id: string, at: string): boolean => setState.run('signed', at, id).changes === 1,
    discard: (id: string, at: string): boolean => setState.run('discarded', at, id).changes === 1,
    openRevisionOf: (prescriptionId: string): string | null => openRevisionOf.get(prescriptionId)?.id ?? null,
  };
}
export type RxDraftsTable = ReturnType<typeof rxDraftsTable>;
