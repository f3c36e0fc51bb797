import { Answers } from '../../../shared/emr/answers';
import type { Db } from './database';

export interface EmrDraftRow {
  id: string;
  patientId: string;
  encounterId: string;
  templateUrl: string;
  templateVersion: string;
  authorId: string;
  deviceId: string;
  answers: Answers;
  previousId: string | null;
  amendReason: string | null;
  state: 'open' | 'signed' | 'discarded';
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  patient_id: string;
  encounter_id: string;
  template_url: string;
  template_version: string;
  author_id: string;
  device_id: string;
  answers: string;
  previous_id: string | null;
  amend_reason: string | null;
  state: EmrDraftRow['state'];
  created_at: string;
  updated_at: string;
}

const toDraft = (r: Row): EmrDraftRow => ({
  id: r.id,
  patientId: r.patient_id,
  encounterId: r.encounter_id,
  templateUrl: r.template_url,
  templateVersion: r.template_version,
  authorId: r.author_id,
  deviceId: r.device_id,
  // Parsed on the way out too: a draft written by an older build must not reach signing unchecked.
  answers: Answers.parse(JSON.parse(r.answers)),
  previousId: r.previous_id,
  amendReason: r.amend_reason,
  state: r.state,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * Record drafts: this device's and their author's until signed; never deleted (signing and
 * discarding are states). Each autosave is one UPDATE of the whole answers, so a killed process
 * leaves either the previous save or this one (SQLite's atomic commit).
 */
export function emrDraftsTable(db: Db) {
  const insert = db.prepare(
    `INSERT INTO emr_drafts (id, patient_id, encounter_id, template_url, template_version, author_id, device_id, answers, previous_id, amend_reason, state, created_at, updated_at)
     VALUES (@id, @patientId, @encounterId, @templateUrl, @templateVersion, @authorId, @deviceId, @answers, @previousId, @amendReason, 'open', @at, @at)`,
  );
  const byId = db.prepare<[string], Row>(`SELECT * FROM emr_drafts WHERE id = ?`);
  const openForPatient = db.prepare<[string, string, string], Row>(
    `SELECT * FROM emr_drafts WHERE author_id = ? AND device_id = ? AND patient_id = ? AND state = 'open' ORDER BY created_at, id`,
  );
  const openAmendmentOf = db.prepare<[string], Row>(`SELECT * FROM emr_drafts WHERE previous_id = ? AND state = 'open' LIMIT 1`);
  const save = db.prepare<[string, string, string]>(`UPDATE emr_drafts SET answers = ?, updated_at = ? WHERE id = ? AND state = 'open'`);
  const setState = db.prepare<[EmrDraftRow['state'], string, string]>(`UPDATE emr_drafts SET state = ?, updated_at = ? WHERE id = ? AND state = 'open'`);

  return {
    create(draft: Omit<EmrDraftRow, 'state' | 'createdAt' | 'updatedAt'>, at: string): void {
      insert.run({ ...draft, answers: JSON.stringify(Answers.parse(draft.answers)), at });
    },
    get: (id: string): EmrDraftRow | null => {
      const row = byId.get(id);
      return row ? toDraft(row) : null;
    },
    openForPatient: (authorId: string, deviceId: string, patientId: string): EmrDraftRow[] => openForPatient.all(authorId, deviceId, patientId).map(toDraft),
    openAmendmentOf: (recordId: string): EmrDraftRow | null => {
      const row = openAmendmentOf.get(recordId);
      return row ? toDraft(row) : null;
    },
    /** False when the draft is no longer open (signed or discarded meanwhile). */
    save: (id: string, answers: Answers, at: string): boolean => save.run(JSON.stringify(answers), at, id).changes === 1,
    markSigned: (id: string, at: string): boolean => setState.run('signed', at, id).changes === 1,
    discard: (id: string, at: string): boolean => setState.run('discarded', at, id).changes === 1,
  };
}
export type EmrDraftsTable = ReturnType<typeof emrDraftsTable>;
