/**
 * Prescribing (issue 4): drafts that belong to their author's device, per-user signing keys, and
 * the local facts of a signed prescription. `prescriptions` is a synced table: columns are only
 * added (nullable or defaulted), and the change feed never writes these ones, so a pulled row
 * (which overwrites `status`) cannot erase a local void or the signed document.
 */
export const sql = `
ALTER TABLE prescriptions ADD COLUMN validity_days INTEGER NOT NULL DEFAULT 1;
ALTER TABLE prescriptions ADD COLUMN validity_reason TEXT;
ALTER TABLE prescriptions ADD COLUMN revision_reason TEXT;
ALTER TABLE prescriptions ADD COLUMN signed_at TEXT;
-- The exact prescription.submit payload, signature included, as it entered the outbox.
ALTER TABLE prescriptions ADD COLUMN signed_payload TEXT;
ALTER TABLE prescriptions ADD COLUMN voided_at TEXT;
ALTER TABLE prescriptions ADD COLUMN voided_by TEXT;
ALTER TABLE prescriptions ADD COLUMN void_reason TEXT;
-- The status it had when voided: a void after approval is shown as such to the pharmacist.
ALTER TABLE prescriptions ADD COLUMN voided_from_status TEXT;
CREATE INDEX prescriptions_by_encounter ON prescriptions (encounter_id);
CREATE INDEX prescriptions_by_previous ON prescriptions (previous_id);

-- A draft is never deleted: signing marks it 'signed' (its id becomes the prescription's id) and
-- discarding marks it 'discarded'. Autosaved on every edit, so a crash loses at most a keystroke.
CREATE TABLE prescription_drafts (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients (id),
  encounter_id TEXT NOT NULL,       -- the visit; its encounter row is written when the first prescription is signed
  author_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  content TEXT NOT NULL,            -- JSON, shared/rx/draft.ts DraftContent
  previous_id TEXT,                 -- a revision of this returned prescription
  revision_reason TEXT,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'signed', 'discarded')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX prescription_drafts_by_author ON prescription_drafts (author_id, state, patient_id);
CREATE INDEX prescription_drafts_by_encounter ON prescription_drafts (encounter_id, state);

-- One SM2 key pair per user on this device (GM/T 0003). The private key never leaves the
-- encrypted store. certificate_id stays null until the hospital CA issues certificates.
CREATE TABLE signing_keys (
  user_id TEXT PRIMARY KEY,
  algorithm TEXT NOT NULL CHECK (algorithm IN ('SM2-SM3')),
  public_key TEXT NOT NULL,
  private_key TEXT NOT NULL,
  certificate_id TEXT,
  created_at TEXT NOT NULL
);
`;
