/**
 * Deregistration wipe (issue 12). A workstation the hospital server revoked removes its cached
 * copies of server data at the next contact (sync/deregistrationWipe.ts). Signed records are never
 * deleted (013, `emr_records_kept`), and that stays true of every other path: only the wipe, which
 * raises the `wipe.active` flag in `sync_state` for the length of its own transaction, may remove
 * the device's copies. The server's copy and the outbox (which carries every unsent signed record)
 * are untouched, so no clinical record is lost.
 */
export const sql = `
DROP TRIGGER emr_records_kept;
CREATE TRIGGER emr_records_kept BEFORE DELETE ON emr_records
WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'wipe.active')
BEGIN SELECT RAISE(ABORT, 'RECORD_SIGNED: signed records are kept, never deleted'); END;
`;
