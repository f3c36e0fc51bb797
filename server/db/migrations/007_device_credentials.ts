/**
 * Offline sign-in without the server's password hashes (issue 8, item 9).
 *
 * `offline_verifiers` records which device holds a workstation-made offline verifier for which
 * account: granted when a token is issued to a non-admin account on an approved device, revoked
 * when the account is suspended, its password is reset, or an admin revokes it. Devices ask for the
 * live list at every contact and delete the verifiers it no longer names.
 *
 * `users.password_hash` stays in the feed's wire row (synced tables only grow, STYLE.md: old
 * workstations still expect the column) but is retired: always '' from now on, including in the
 * feed rows already written, so no device can pull a hash again.
 *
 * `proof_jtis` (item 10): the request proofs already accepted (auth/requestProof.ts), per device, kept
 * for twice the accepted time window, in the database so that a replay is refused after a restart
 * and by every server process alike.
 */
export const sql = `
CREATE TABLE offline_verifiers (
  device_id text NOT NULL REFERENCES devices (id),
  user_id text NOT NULL REFERENCES users (id),
  granted_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_reason text CHECK (revoked_reason IN ('suspended', 'password-reset', 'admin')),
  PRIMARY KEY (device_id, user_id)
);
CREATE INDEX offline_verifiers_by_user ON offline_verifiers (user_id) WHERE revoked_at IS NULL;

CREATE TABLE proof_jtis (
  device_id text NOT NULL REFERENCES devices (id),
  jti text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (device_id, jti)
);

UPDATE changes SET row = jsonb_set(row, '{password_hash}', '""'::jsonb) WHERE table_name = 'users';
`;
