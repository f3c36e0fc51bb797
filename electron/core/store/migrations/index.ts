import { sql as initial } from './001_initial';
import { sql as syncAndAudit } from './002_sync_and_audit';

/** Forward-only, in order; a migration's number is its position here plus one. */
export const migrations: readonly string[] = [initial, syncAndAudit];
