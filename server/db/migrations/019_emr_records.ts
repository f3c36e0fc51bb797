/**
 * Structured outpatient records and the hospital's record templates (issue 11).
 *
 * `emr_records`: a record signed on a workstation, as it was signed (the document and its SM2
 * signature, shared/sync/emrWire.ts `signedRecordJson`), after the server verified both. Never
 * changed or deleted (《医疗机构病历管理规定》(2013) 第二十九条: outpatient records are kept at least 15
 * years from the last visit): the trigger refuses it. An amendment is a new row naming the version
 * it corrects. Two amendments of one version made offline on two devices are both kept.
 *
 * `emr_templates`: the hospital's imported Questionnaires and ValueSets, one row per resource and
 * version, never replaced (a record names the version it was written against, and is validated
 * against exactly that one); `revision` orders imports, so the newest version of a url is known.
 */
export const sql = `
CREATE TABLE emr_records (
  id text PRIMARY KEY,
  patient_id text NOT NULL REFERENCES patients (id),
  encounter_id text NOT NULL REFERENCES encounters (id),
  template_url text NOT NULL,
  template_version text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  previous_id text REFERENCES emr_records (id),
  amend_reason text,
  author_id text NOT NULL REFERENCES users (id),
  signed_at text NOT NULL,
  digest text NOT NULL,
  signed_document text NOT NULL,
  device_id text NOT NULL,
  received_at timestamptz NOT NULL,
  CHECK ((previous_id IS NULL) = (amend_reason IS NULL))
);
CREATE INDEX emr_records_by_patient ON emr_records (patient_id, signed_at);
CREATE INDEX emr_records_by_previous ON emr_records (previous_id) WHERE previous_id IS NOT NULL;

CREATE TABLE emr_templates (
  id text PRIMARY KEY,
  resource_type text NOT NULL CHECK (resource_type IN ('Questionnaire', 'ValueSet')),
  url text NOT NULL,
  version text NOT NULL,
  resource text NOT NULL,
  revision integer NOT NULL UNIQUE,
  imported_at text NOT NULL,
  imported_by text NOT NULL REFERENCES users (id),
  UNIQUE (resource_type, url, version)
);

CREATE FUNCTION emr_kept_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are kept as signed or imported: never changed or deleted', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER emr_records_kept BEFORE UPDATE OR DELETE ON emr_records
  FOR EACH ROW EXECUTE FUNCTION emr_kept_unchanged();
CREATE TRIGGER emr_templates_kept BEFORE UPDATE OR DELETE ON emr_templates
  FOR EACH ROW EXECUTE FUNCTION emr_kept_unchanged();
`;
