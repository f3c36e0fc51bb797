/**
 * The first schema. Clinical tables mirror the hospital server's rows one to one, so a pulled
 * change applies as an upsert. Nothing here is ever deleted: removals are status changes.
 */
export const sql = `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  account TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  roles TEXT NOT NULL,               -- JSON array of roles
  department TEXT NOT NULL,
  licence_no TEXT NOT NULL,
  password_hash TEXT NOT NULL,       -- server's scrypt format, so passwords check offline
  suspended INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE patients (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_pinyin TEXT NOT NULL COLLATE NOCASE,      -- 'zhang wei', lower case, spaced
  name_pinyin_compact TEXT NOT NULL COLLATE NOCASE, -- 'zhangwei'
  name_initials TEXT NOT NULL COLLATE NOCASE,    -- 'zw'
  sex TEXT NOT NULL CHECK (sex IN ('male', 'female')),
  birth_date TEXT NOT NULL,
  id_number_masked TEXT NOT NULL,
  phone TEXT NOT NULL,
  department TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX patients_by_initials ON patients (name_initials, name_pinyin_compact);
CREATE INDEX patients_by_pinyin ON patients (name_pinyin_compact);
CREATE INDEX patients_by_name ON patients (name);
CREATE INDEX patients_by_phone ON patients (phone);

CREATE TABLE encounters (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients (id),
  date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('first-visit', 'follow-up')),
  channel TEXT NOT NULL CHECK (channel IN ('in-person', 'online')),
  department TEXT NOT NULL,
  physician_name TEXT NOT NULL,
  chief_complaint TEXT NOT NULL
);
CREATE INDEX encounters_by_patient ON encounters (patient_id, date);

CREATE TABLE diagnoses (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients (id),
  encounter_id TEXT REFERENCES encounters (id),  -- null: carried over from another hospital
  icd10 TEXT NOT NULL,
  label TEXT NOT NULL,
  setting TEXT NOT NULL CHECK (setting IN ('in-person', 'online')),
  diagnosed_on TEXT NOT NULL
);
CREATE INDEX diagnoses_by_patient ON diagnoses (patient_id);

CREATE TABLE allergies (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients (id),
  allergen TEXT NOT NULL,
  reaction TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'removed')),
  recorded_on TEXT NOT NULL
);
CREATE INDEX allergies_by_patient ON allergies (patient_id);

CREATE TABLE prescriptions (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients (id),
  encounter_id TEXT REFERENCES encounters (id),
  issued_on TEXT NOT NULL,
  status TEXT NOT NULL,
  items TEXT NOT NULL                 -- JSON array of items, immutable once signed
);
CREATE INDEX prescriptions_by_patient ON prescriptions (patient_id, issued_on);

CREATE TABLE labs (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients (id),
  taken_on TEXT NOT NULL,
  test TEXT NOT NULL,
  value TEXT NOT NULL,
  unit TEXT NOT NULL,
  flag TEXT NOT NULL CHECK (flag IN ('normal', 'high', 'low'))
);
CREATE INDEX labs_by_patient ON labs (patient_id, taken_on);

CREATE TABLE prefs (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;
