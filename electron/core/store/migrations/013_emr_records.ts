/**
 * Structured outpatient records (issue 11). A draft belongs to its author's device until signed
 * (DESIGN.md "Offline rules") and is saved whole at each autosave, one statement, so a killed
 * process leaves the last save. A signed record is a FHIR QuestionnaireResponse with its SM2
 * signature and is never changed or deleted (records are kept at least 15 years, 《医疗机构病历管理
 * 规定》(2013) 第二十九条 门诊病历保存时间自患者最后一次就诊之日起不少于15年): the triggers refuse it.
 * An amendment is a new row pointing at the version it corrects, with a reason.
 */
export const sql = `
CREATE TABLE emr_drafts (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients (id),
  encounter_id TEXT NOT NULL,          -- the visit; its encounter row is written when the record is signed, if new
  template_url TEXT NOT NULL,
  template_version TEXT NOT NULL,
  author_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  answers TEXT NOT NULL,               -- JSON, shared/emr/answers.ts Answers
  previous_id TEXT,                    -- the signed record this draft amends
  amend_reason TEXT,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'signed', 'discarded')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX emr_drafts_by_author ON emr_drafts (author_id, device_id, patient_id, state);

CREATE TABLE emr_records (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL,
  encounter_id TEXT NOT NULL,
  template_url TEXT NOT NULL,
  template_version TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  previous_id TEXT REFERENCES emr_records (id),
  amend_reason TEXT,
  author_id TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  digest TEXT NOT NULL,                -- SM3 of the canonical JSON of the signed document
  signed_document TEXT NOT NULL,       -- JSON, shared/emr/record.ts SignedRecord (document + signature)
  feed_seq INTEGER,
  CHECK ((previous_id IS NULL) = (amend_reason IS NULL))
);
CREATE INDEX emr_records_by_patient ON emr_records (patient_id, signed_at);
CREATE INDEX emr_records_by_previous ON emr_records (previous_id);

-- Only the feed position may be filled in later; the signed content never changes.
CREATE TRIGGER emr_records_immutable BEFORE UPDATE ON emr_records
WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id OR NEW.encounter_id IS NOT OLD.encounter_id
  OR NEW.template_url IS NOT OLD.template_url OR NEW.template_version IS NOT OLD.template_version OR NEW.version IS NOT OLD.version
  OR NEW.previous_id IS NOT OLD.previous_id OR NEW.amend_reason IS NOT OLD.amend_reason OR NEW.author_id IS NOT OLD.author_id
  OR NEW.signed_at IS NOT OLD.signed_at OR NEW.digest IS NOT OLD.digest OR NEW.signed_document IS NOT OLD.signed_document
BEGIN SELECT RAISE(ABORT, 'RECORD_SIGNED: a signed record is amended by a new version, never changed'); END;
CREATE TRIGGER emr_records_kept BEFORE DELETE ON emr_records
BEGIN SELECT RAISE(ABORT, 'RECORD_SIGNED: signed records are kept, never deleted'); END;
`;
