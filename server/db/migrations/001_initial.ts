/**
 * The hospital server's first schema (PostgreSQL 15 dialect, also run by PGlite).
 * Clinical tables carry the workstation's column names (electron/core/store/migrations/001) so a
 * pulled row applies there as an upsert; server-only columns and tables are marked. Dates stay
 * ISO text, as on the workstation, so rows travel unchanged. Nothing clinical is ever deleted.
 */
export const sql = `
CREATE TABLE users (
  id text PRIMARY KEY,
  account text NOT NULL,
  display_name text NOT NULL,
  roles text[] NOT NULL CHECK (roles <@ ARRAY['physician', 'pharmacist', 'admin']::text[] AND cardinality(roles) > 0),
  department text NOT NULL,
  licence_no text NOT NULL,
  password_hash text NOT NULL,
  suspended boolean NOT NULL DEFAULT false,
  scope_epoch integer NOT NULL DEFAULT 1,            -- server-only: bumped when what the user may see changes
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_by_account ON users (lower(account));

-- Server-only: workstations, their Ed25519 public keys, and the admin's decision.
CREATE TABLE devices (
  id text PRIMARY KEY,
  name text NOT NULL,
  public_key text NOT NULL,                           -- base64 SPKI DER
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'revoked')),
  registered_at timestamptz NOT NULL DEFAULT now(),
  decided_by text REFERENCES users (id),
  decided_at timestamptz
);

CREATE TABLE auth_challenges (
  id text PRIMARY KEY,
  device_id text NOT NULL REFERENCES devices (id),
  nonce text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- Opaque bearer tokens, stored as SHA-256 so a database dump holds no usable token.
CREATE TABLE tokens (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  device_id text NOT NULL REFERENCES devices (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX tokens_by_user ON tokens (user_id);

CREATE TABLE bootstrap_codes (
  code_hash text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE TABLE patients (
  id text PRIMARY KEY,
  name text NOT NULL,
  name_pinyin text NOT NULL,
  name_pinyin_compact text NOT NULL,
  name_initials text NOT NULL,
  sex text NOT NULL CHECK (sex IN ('male', 'female')),
  birth_date text NOT NULL,
  id_number_masked text NOT NULL,
  phone text NOT NULL,
  address text NOT NULL DEFAULT '',
  department text NOT NULL,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX patients_by_department ON patients (department);

-- Server-only: the patient version at which each scalar field last changed (shared/sync/merge.ts).
CREATE TABLE patient_field_versions (
  patient_id text NOT NULL REFERENCES patients (id),
  field text NOT NULL,
  changed_at integer NOT NULL,
  PRIMARY KEY (patient_id, field)
);

CREATE TABLE encounters (
  id text PRIMARY KEY,
  patient_id text NOT NULL REFERENCES patients (id),
  date text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('first-visit', 'follow-up')),
  channel text NOT NULL CHECK (channel IN ('in-person', 'online')),
  department text NOT NULL,
  physician_name text NOT NULL,
  chief_complaint text NOT NULL,
  author_id text REFERENCES users (id)
);
CREATE INDEX encounters_by_patient ON encounters (patient_id, date);

CREATE TABLE diagnoses (
  id text PRIMARY KEY,
  patient_id text NOT NULL REFERENCES patients (id),
  encounter_id text REFERENCES encounters (id),
  icd10 text NOT NULL,
  label text NOT NULL,
  setting text NOT NULL CHECK (setting IN ('in-person', 'online')),
  diagnosed_on text NOT NULL,
  author_id text REFERENCES users (id)
);
CREATE INDEX diagnoses_by_patient ON diagnoses (patient_id);

CREATE TABLE allergies (
  id text PRIMARY KEY,
  patient_id text NOT NULL REFERENCES patients (id),
  allergen text NOT NULL,
  reaction text NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'removed')),
  recorded_on text NOT NULL,
  recorded_by text REFERENCES users (id),
  status_changed_by text REFERENCES users (id),
  status_reason text
);
CREATE INDEX allergies_by_patient ON allergies (patient_id);

CREATE TABLE prescriptions (
  id text PRIMARY KEY,
  patient_id text NOT NULL REFERENCES patients (id),
  encounter_id text REFERENCES encounters (id),
  issued_on text NOT NULL,
  status text NOT NULL,
  items text NOT NULL,
  previous_id text REFERENCES prescriptions (id),
  author_id text REFERENCES users (id),
  correction_reason text                              -- server-only for now
);
CREATE INDEX prescriptions_by_patient ON prescriptions (patient_id, issued_on);
CREATE INDEX prescriptions_awaiting_review ON prescriptions (patient_id) WHERE status = 'submitted';
CREATE INDEX prescriptions_by_previous ON prescriptions (previous_id) WHERE previous_id IS NOT NULL;

CREATE TABLE labs (
  id text PRIMARY KEY,
  patient_id text NOT NULL REFERENCES patients (id),
  taken_on text NOT NULL,
  test text NOT NULL,
  value text NOT NULL,
  unit text NOT NULL,
  flag text NOT NULL CHECK (flag IN ('normal', 'high', 'low'))
);
CREATE INDEX labs_by_patient ON labs (patient_id, taken_on);

CREATE TABLE conflicts (
  id text PRIMARY KEY,
  patient_id text NOT NULL REFERENCES patients (id),
  kind text NOT NULL CHECK (kind IN ('stale-field', 'version-branch')),
  entity text NOT NULL,
  entity_id text NOT NULL,
  field text,
  server_value text,
  client_value text,
  base_version integer,
  server_version integer,
  author_id text NOT NULL REFERENCES users (id),
  device_id text NOT NULL REFERENCES devices (id),
  status text NOT NULL CHECK (status IN ('open', 'resolved')),
  created_at text NOT NULL
);

-- Server-only: patients a user has written about, who stay in that user's scope after a move.
CREATE TABLE patient_access (
  user_id text NOT NULL REFERENCES users (id),
  patient_id text NOT NULL REFERENCES patients (id),
  PRIMARY KEY (user_id, patient_id)
);

-- Server-only: every mutation id ever accepted, with its outcome, so a replay returns it again.
CREATE TABLE mutations (
  id text PRIMARY KEY,
  device_id text NOT NULL REFERENCES devices (id),
  user_id text NOT NULL REFERENCES users (id),
  kind text NOT NULL,
  client_time text NOT NULL,
  clock_skew_ms bigint,
  clock_skewed boolean NOT NULL,
  outcome jsonb,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- The change feed. seq is handed out by change_counter inside the writing transaction, so seq
-- order is commit order (server/feed/append.ts explains why that matters).
CREATE TABLE changes (
  seq bigint PRIMARY KEY,
  table_name text NOT NULL,
  row_id text NOT NULL,
  row jsonb NOT NULL,
  patient_id text,                                    -- null: global rows (users)
  review boolean NOT NULL,                            -- part of the pharmacists' review queue view
  mutation_id text,
  author_id text,
  device_id text,
  client_time text,
  clock_skewed boolean NOT NULL DEFAULT false,
  committed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX changes_by_patient ON changes (patient_id, seq);
CREATE INDEX changes_for_review ON changes (seq) WHERE review;

CREATE TABLE change_counter (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  last_seq bigint NOT NULL
);
INSERT INTO change_counter (only_row, last_seq) VALUES (true, 0);
`;
