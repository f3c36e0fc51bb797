/**
 * The signer registry (issue 8, item 11): the hospital CA's key (test and demo CA only: production
 * may hold its key in CAREDESK_CA_KEY_FILE instead, server/signing/ca.ts) and the certificates it
 * issued, each binding one SM2 public key to one account, with its revocation state. Insert-only
 * but for revocation: a certificate is never deleted, so an old signature can always be judged.
 */
export const sql = `
CREATE TABLE ca_keys (
  id text PRIMARY KEY CHECK (id = 'hospital'),   -- one CA per hospital
  private_key text NOT NULL,                     -- SM2 scalar, hex
  public_key text NOT NULL,                      -- 04 || x || y, hex
  created_at timestamptz NOT NULL
);

CREATE TABLE signing_certificates (
  serial text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  public_key text NOT NULL,
  body text NOT NULL,                            -- the canonical JSON the CA signed
  ca_signature text NOT NULL,
  ca_public_key text NOT NULL,
  not_before timestamptz NOT NULL,
  not_after timestamptz NOT NULL,
  device_id text NOT NULL REFERENCES devices (id), -- where the key's possession was proven
  revoked_at timestamptz,
  revoked_by text REFERENCES users (id),         -- null: revoked by the account's suspension
  revocation_reason text CHECK (revocation_reason IN ('suspended', 'admin'))
);
-- One live certificate per key and account: registering the same key again returns it.
CREATE UNIQUE INDEX signing_certificates_live ON signing_certificates (user_id, public_key) WHERE revoked_at IS NULL;
`;
