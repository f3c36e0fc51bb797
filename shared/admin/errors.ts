/**
 * The error codes of the admin console and of the account rules it sets (issue 12), spread into
 * the one list in shared/result.ts. Each names what the user or the screen can do next.
 */
export const adminErrorCodes = [
  /** Clearing a revoked device's quarantine needs an export of everything it holds first (`admin:quarantine:export`). */
  'QUARANTINE_NOT_EXPORTED',
  /** The archive's passphrase is wrong, or the file was changed after it was sealed. */
  'ARCHIVE_UNREADABLE',
  /** The password was right, and was set by an admin: choose a new one (`auth:changePassword`), then sign in with it. */
  'PASSWORD_CHANGE_REQUIRED',
  /** An audit retention shorter than the law's floor (clinical records 15 years, process records 3): nothing changed. */
  'RETENTION_BELOW_MINIMUM',
] as const;
