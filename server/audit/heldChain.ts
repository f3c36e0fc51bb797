import { genesis, verifyChain, type AuditEntry, type ChainHead, type HeldChainReport } from '../../shared/audit/chain';
import { sha256 } from '../auth/tokens';
import type { Queryable } from '../db/types';

const pageSize = 5000;

interface HeldRow extends AuditEntry {
  purged: boolean;
}

/**
 * Walks the copy the server holds of one device's chain, as uploaded, and names its first broken
 * link (issue 12). Uploads are checked before they are kept, so a problem here means the copy was
 * changed in the database afterwards: a row edited, deleted or moved to another seq. Read a page
 * at a time, so a long chain never sits in memory whole.
 */
export async function verifyHeldChain(q: Queryable, deviceId: string): Promise<HeldChainReport> {
  let head: ChainHead = genesis;
  let entries = 0;
  for (;;) {
    const rows = await q.query<HeldRow & { detail: string }>(
      `SELECT seq, at, user_id AS "userId", session_id AS "sessionId", installation_id AS "deviceId", action, subject, detail,
              prev_hash AS "prevHash", hash, purged_at IS NOT NULL AS purged
         FROM audit_entries WHERE device_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [deviceId, head.seq, pageSize],
    );
    if (rows.length === 0) return { deviceId, entries, problem: null };
    const page: HeldRow[] = rows.map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));
    const problem = verifyChain(page, head, sha256, (entry) => (entry as HeldRow).purged);
    entries += page.length;
    if (problem) return { deviceId, entries, problem };
    head = page[page.length - 1]!;
  }
}

/** Every device holding a chain, each walked. */
export async function verifyHeldChains(q: Queryable): Promise<HeldChainReport[]> {
  const devices = await q.query<{ deviceId: string }>(`SELECT DISTINCT device_id AS "deviceId" FROM audit_entries ORDER BY 1`);
  const reports: HeldChainReport[] = [];
  for (const { deviceId } of devices) reports.push(await verifyHeldChain(q, deviceId));
  return reports;
}
