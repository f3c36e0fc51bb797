import { genesis, verifyChain, type AuditEntry, type ChainHead, type ChainProblem, type HeldChainReport } from '../../shared/audit/chain';
import { sha256 } from '../auth/tokens';
import type { Queryable } from '../db/types';
import { processActionPatterns } from './retention';

const pageSize = 5000;

interface HeldRow extends AuditEntry {
  purged: boolean;
  /** Purged by a recorded run that could have purged it: a process action older than its cutoff. */
  purgedByRun: boolean;
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
              prev_hash AS "prevHash", hash, e.purged_at IS NOT NULL AS purged,
              (p.id IS NOT NULL AND e.at <= p.cutoff AND e.action LIKE ANY ($4::text[])) AS "purgedByRun"
         FROM audit_entries e LEFT JOIN audit_purges p ON p.id = e.purge_id
        WHERE e.device_id = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3`,
      [deviceId, head.seq, pageSize, processActionPatterns],
    );
    if (rows.length === 0) return { deviceId, entries, problem: null };
    const page: HeldRow[] = rows.map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));
    const problem = first(outsideAPurge(page), verifyChain(page, head, sha256, (entry) => (entry as HeldRow).purged));
    entries += page.length;
    if (problem) return { deviceId, entries, problem };
    head = page[page.length - 1]!;
  }
}

/**
 * A purged entry's hash is not recomputed (its content is gone), so marking an entry purged must
 * not hide an edit: one that no recorded purge run could have purged (a clinical action, newer
 * than the run's cutoff, or naming no run) is reported as altered. Checked before the links, so
 * the first such entry of the page is the one named.
 */
function outsideAPurge(page: readonly HeldRow[]): ChainProblem | null {
  const forged = page.find((row) => row.purged && !row.purgedByRun);
  return forged ? { seq: forged.seq, kind: 'altered', reason: 'entry marked purged outside a retention purge' } : null;
}

const first = (a: ChainProblem | null, b: ChainProblem | null) => (a && b ? (a.seq <= b.seq ? a : b) : (a ?? b));

/** Every device holding a chain, each walked. */
export async function verifyHeldChains(q: Queryable): Promise<HeldChainReport[]> {
  const devices = await q.query<{ deviceId: string }>(`SELECT DISTINCT device_id AS "deviceId" FROM audit_entries ORDER BY 1`);
  const reports: HeldChainReport[] = [];
  for (const { deviceId } of devices) reports.push(await verifyHeldChain(q, deviceId));
  return reports;
}
