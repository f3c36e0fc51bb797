import { randomUUID } from 'node:crypto';
import type { AuditRetention } from '../../shared/admin/hospitalSettings';
import { processActionPrefixes } from '../../shared/audit/retention';
import { auditRetention } from '../admin/hospitalSettings';
import type { Database, Queryable } from '../db/types';

/** What started a purge: the server's timer, an admin from the console, or `caredesk server purge-audit`. */
export type PurgeTrigger = { kind: 'schedule' } | { kind: 'admin' | 'cli'; userId: string };

export interface PurgeAnchor {
  deviceId: string;
  entries: number;
  /** The highest seq this run purged on the device. */
  throughSeq: number;
}

export interface PurgeReport {
  purgeId: string;
  cutoff: string;
  processRecordYears: number;
  purged: number;
  anchors: PurgeAnchor[];
}

const yearsBefore = (now: Date, years: number) => {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
};

/** The SQL pattern of each process action: an exact action, or a prefix ending in a dot. */
export const processActionPatterns = processActionPrefixes.map((prefix) => (prefix.endsWith('.') ? `${prefix.replace(/[\\%_]/g, '\\$&')}%` : prefix));

/**
 * One purge run, in the caller's transaction: the content (user, session, subject, detail) of
 * process entries (shared/audit/retention.ts) older than the process retention is removed; seq,
 * action, time and hashes stay, so the chain still links. It is the only statement in the server
 * that removes audit content, it names process actions only, and no clinical table appears in it:
 * clinical data has no path to deletion (retention.test.ts runs it 20 years ahead to show it).
 * The run itself is recorded (`audit_purges`) with an anchor per device, and each purged entry
 * names it, so verification can tell a purge from an edit (heldChain.ts).
 */
export async function purgeProcessRecords(tx: Queryable, retention: AuditRetention, now: Date, trigger: PurgeTrigger): Promise<PurgeReport> {
  const purgeId = randomUUID();
  const cutoff = yearsBefore(now, retention.processRecordYears).toISOString();
  const purged = await tx.query<{ device_id: string; seq: number }>(
    `UPDATE audit_entries SET user_id = 'purged', session_id = NULL, subject = 'purged', detail = '{}', purged_at = $1, purge_id = $4
      WHERE purged_at IS NULL AND at < $2 AND action LIKE ANY ($3::text[])
      RETURNING device_id, seq`,
    [now, cutoff, processActionPatterns, purgeId],
  );
  const byDevice = new Map<string, PurgeAnchor>();
  for (const { device_id: deviceId, seq } of purged) {
    const anchor = byDevice.get(deviceId) ?? { deviceId, entries: 0, throughSeq: 0 };
    byDevice.set(deviceId, { deviceId, entries: anchor.entries + 1, throughSeq: Math.max(anchor.throughSeq, seq) });
  }
  const anchors = [...byDevice.values()].sort((a, b) => a.deviceId.localeCompare(b.deviceId));
  if (purged.length > 0) {
    await tx.query(`DELETE FROM audit_subjects s USING unnest($1::text[], $2::int[]) AS p(device_id, seq) WHERE s.device_id = p.device_id AND s.seq = p.seq`, [
      purged.map((p) => p.device_id),
      purged.map((p) => p.seq),
    ]);
  }
  // A run that purged nothing is recorded too: the trail shows the job ran and found nothing due.
  await tx.query(
    `INSERT INTO audit_purges (id, run_at, cutoff, process_years, trigger, triggered_by, entries, anchors) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
    [purgeId, now, cutoff, retention.processRecordYears, trigger.kind, trigger.kind === 'schedule' ? null : trigger.userId, purged.length, JSON.stringify(anchors)],
  );
  return { purgeId, cutoff, processRecordYears: retention.processRecordYears, purged: purged.length, anchors };
}

/** A purge with the hospital's retention as it stands, in one transaction of its own. */
export function runAuditPurge(db: Database, now: Date, trigger: PurgeTrigger, recordAlso?: (tx: Queryable, report: PurgeReport) => Promise<void>): Promise<PurgeReport> {
  return db.transaction(async (tx) => {
    const report = await purgeProcessRecords(tx, await auditRetention(tx), now, trigger);
    if (recordAlso) await recordAlso(tx, report);
    return report;
  });
}

export const defaultAuditPurgeIntervalMs = 24 * 60 * 60_000;

/**
 * The scheduled purge, started with the server: first a few minutes after start (a server that
 * restarts daily still purges), then every interval. A failed run is logged and tried again at
 * the next tick; it never stops the server. Returns the stop function (called on close).
 */
export function scheduleAuditPurge(db: Database, now: () => Date, intervalMs: number, log: { error: (obj: object, msg: string) => void; info: (obj: object, msg: string) => void }): () => Promise<void> {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const tick = () => {
    running = runAuditPurge(db, now(), { kind: 'schedule' })
      .then((report) => log.info({ purged: report.purged, cutoff: report.cutoff }, 'audit retention purge'))
      .catch((error: unknown) => log.error({ err: error instanceof Error ? error.message : String(error) }, 'audit retention purge failed'))
      .finally(() => {
        running = null;
        if (timer) timer = setTimeout(tick, intervalMs).unref();
      });
  };
  timer = setTimeout(tick, Math.min(intervalMs, 5 * 60_000)).unref();
  return () => {
    if (timer) clearTimeout(timer);
    timer = null;
    return running ?? Promise.resolve();
  };
}
