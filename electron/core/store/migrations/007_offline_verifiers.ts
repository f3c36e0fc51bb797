/**
 * Offline sign-in without the server's password hashes (issue 8, item 9). A verifier exists only
 * for an account that signed in here online (never an admin), made here from the password it sent
 * (common/auth/offlineVerifier.ts), and is deleted when the server stops naming it.
 *
 * `users.password_hash` is retired: the column stays (synced tables only grow) but is emptied here
 * and never written again, so the hashes earlier servers sent leave the store.
 */
export const sql = `
CREATE TABLE offline_verifiers (
  user_id TEXT PRIMARY KEY,
  verifier TEXT NOT NULL,       -- scrypt$N$r$p$salt$hash over the password bound to device and account
  created_at TEXT NOT NULL
);

UPDATE users SET password_hash = '';
`;
