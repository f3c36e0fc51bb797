import { z } from 'zod';
import { minimumRetentionYears, processActionPrefixes } from '../../shared/audit/retention';
import type { Queryable } from '../db/types';

/**
 * The hospital's audit retention, server configuration (issue 12): at least the legal minimum of
 * each category (shared/audit/retention.ts); a shorter one is refused at start-up.
 */
export const AuditRetention = z
  .object({
    clinicalYears: z.number().int().min(minimumRetentionYears.clinical, `clinical records are kept at least ${minimumRetentionYears.clinical} years`).max(100),
    processYears: z.number().int().min(minimumRetentionYears.process, `process records are kept at least ${minimumRetentionYears.process} years`).max(100),
  })
  .strict();
export type AuditRetention = z.infer<typeof AuditRetention>;
export const defaultAuditRetention: AuditRetention = { clinicalYears: 30, processYears: 3 };

export class RetentionTooShort extends Error {
  readonly code = 'RETENTION_TOO_SHORT';
}

export function parseAuditRetention(value: unknown): AuditRetention {
  const parsed = AuditRetention.safeParse(value);
  if (!parsed.success) throw new RetentionTooShort(`audit retention refused: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}

const yearsBefore = (now: Date, years: number) => {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
};

/** The SQL pattern of each process action: an exact action, or a prefix ending in a dot. */
const processPatterns = processActionPrefixes.map((prefix) => (prefix.endsWith('.') ? `${prefix.replace(/[\\%_]/g, '\\$&')}%` : prefix));

/**
 * The purge job: the content of process entries (sign-in evidence, session and sync logs) older
 * than the process retention is removed; seq and hashes stay, so the chain still verifies by its
 * links. It is the only statement in the server that removes audit content, it names process
 * actions only, and no clinical table appears in it: clinical data has no path to deletion here
 * (retention.test.ts checks both). Returns how many entries it purged.
 */
export async function purgeProcessRecords(q: Queryable, retention: AuditRetention, now: Date): Promise<number> {
  const cutoff = yearsBefore(now, retention.processYears).toISOString();
  const purged = await q.query<{ device_id: string; seq: number }>(
    `UPDATE audit_entries SET user_id = 'purged', session_id = NULL, subject = 'purged', detail = '{}', purged_at = $1
      WHERE purged_at IS NULL AND at < $2 AND action LIKE ANY ($3::text[])
      RETURNING device_id, seq`,
    [now, cutoff, processPatterns],
  );
  if (purged.length > 0) {
    await q.query(`DELETE FROM audit_subjects s USING unnest($1::text[], $2::int[]) AS p(device_id, seq) WHERE s.device_id = p.device_id AND s.seq = p.seq`, [
      purged.map((p) => p.device_id),
      purged.map((p) => p.seq),
    ]);
  }
  return purged.length;
}
