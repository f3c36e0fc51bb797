/**
 * Roaming face templates (issue 9, the Consent bullet; shared/sync/faceWire.ts).
 *
 * `face_roaming_consents`: every roaming consent given or withdrawn, in arrival order; a user's
 * latest row is their consent now. Kept when the template is deleted: it is the record of consent.
 * `face_templates`: one row per user who ever roamed a template, what the feed projects (state,
 * version, model, consent versions: no biometric data). A withdrawal keeps it as a tombstone.
 * `face_template_ciphertexts`: the template itself, AES-256-GCM under the template key
 * (server/face/templateKey.ts), bound to user and version; deleted in the transaction that records
 * a withdrawal. The feed never holds the descriptor: it is decrypted into the pull's answer.
 * `face_template_test_keys`: tests and the demo only, the generated key (as `ca_keys` is for the test CA).
 */
export const sql = `
CREATE TABLE face_roaming_consents (
  seq bigserial PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  action text NOT NULL CHECK (action IN ('give', 'withdraw')),
  version text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('roaming', 'enrollment')),
  recorded_by text NOT NULL REFERENCES users (id),
  device_id text NOT NULL,
  mutation_id text NOT NULL,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX face_roaming_consents_by_user ON face_roaming_consents (user_id, seq);

CREATE TABLE face_templates (
  id text PRIMARY KEY REFERENCES users (id),
  user_id text NOT NULL REFERENCES users (id) CHECK (user_id = id),
  template_id text NOT NULL,
  state text NOT NULL CHECK (state IN ('present', 'roaming-withdrawn', 'enrollment-withdrawn')),
  version integer NOT NULL,
  model_id text NOT NULL,
  captures integer NOT NULL,
  consent_version text NOT NULL,
  roaming_consent_version text NOT NULL,
  enrolled_by text NOT NULL,
  enrolled_at text NOT NULL,
  source_device_id text NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE face_template_ciphertexts (
  user_id text PRIMARY KEY REFERENCES face_templates (id),
  version integer NOT NULL,
  key_id text NOT NULL,
  iv text NOT NULL,
  ciphertext text NOT NULL,
  tag text NOT NULL
);

CREATE TABLE face_template_test_keys (
  id text PRIMARY KEY,
  key text NOT NULL,
  created_at timestamptz NOT NULL
);

-- A template change reaches its own user's devices only: never a change for everyone.
ALTER TABLE changes ADD CONSTRAINT face_templates_have_an_audience CHECK (table_name <> 'face_templates' OR audience IS NOT NULL);
ALTER TABLE staged_changes ADD CONSTRAINT face_templates_have_an_audience CHECK (table_name <> 'face_templates' OR audience IS NOT NULL);
`;
