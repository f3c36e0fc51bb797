/**
 * The signed prescription document and its void (issue 4). Until now the server kept only the
 * items; a pharmacist, an auditor or a later verifier needs the whole signed document: who signed,
 * when, with which key, which alerts were overridden and why, and how long it is valid.
 *
 * Columns are only added, nullable or defaulted (prescriptions is a synced table; STYLE.md). Rows
 * written before this migration (demo history) have no signature: they stay as they are.
 */
export const sql = `
ALTER TABLE prescriptions
  -- 《处方管理办法》第十八条: valid on the day of issue; up to 3 days when the prescriber notes why.
  ADD COLUMN validity_days integer NOT NULL DEFAULT 1 CHECK (validity_days BETWEEN 1 AND 3),
  ADD COLUMN validity_reason text,
  ADD COLUMN signed_at text,                       -- the prescriber's clock at signing, as signed
  ADD COLUMN prescriber_id text,                   -- as named in the signed document (= author_id, checked on push)
  ADD COLUMN prescriber_licence_no text,
  ADD COLUMN overrides text,                       -- JSON [{ code, key, reason }]: alerts overridden, each with its reason
  -- The prescription.submit payload as received, signature included, in canonical JSON: the signed
  -- bytes are this document without "signature", so anyone can verify it again later.
  ADD COLUMN signed_payload text,
  ADD COLUMN signature_algorithm text CHECK (signature_algorithm IN ('SM2-SM3')),
  ADD COLUMN signer_uid text,
  ADD COLUMN signature_public_key text,
  ADD COLUMN signature_certificate_id text,        -- null until the hospital CA issues certificates
  ADD COLUMN signature_value text,
  ADD COLUMN signature_verified_at text,           -- server time the signature was checked on arrival
  -- A void is a status change with author, time and reason; nothing is deleted. A void that arrives
  -- after approval is still recorded: the status stays, and the pharmacist is shown the flag.
  ADD COLUMN voided_at text,
  ADD COLUMN voided_by text REFERENCES users (id),
  ADD COLUMN void_reason text,
  ADD COLUMN voided_from_status text,
  ADD COLUMN voided_after_approval boolean NOT NULL DEFAULT false;

CREATE INDEX prescriptions_voided_after_approval ON prescriptions (patient_id) WHERE voided_after_approval;
`;
