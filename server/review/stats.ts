import { returnReason } from '../../shared/review/reasons';
import type { ReviewStats, ReviewStatsQuery } from '../../shared/review/wire';
import type { Queryable } from '../db/types';
import { reviewSettings } from './settings';

interface DecidedRow {
  department: string;
  decision: 'approve' | 'return';
  reasons: string[];
  turnaround_ms: number;
  intervened: boolean;
  accepted: boolean;
}

/**
 * The pharmacy lead's view of review over a date range (hospital days, decisions by the day they
 * were recorded): turnaround, return and intervention rates by department and by reason. Nothing
 * here ranks physicians or departments by prescription value or drug revenue: the national rules
 * forbid tying prescriptions to drug sales, so rows are in department order, never by a figure.
 */
export async function reviewStats(q: Queryable, query: ReviewStatsQuery): Promise<ReviewStats> {
  const { timeZone } = await reviewSettings(q);
  const rows = await q.query<DecidedRow>(
    `SELECT coalesce(e.department, p.department) AS department, d.decision, d.reasons,
            (extract(epoch FROM d.recorded_at - coalesce(r.submitted_at, r.issued_on::date::timestamptz)) * 1000)::bigint AS turnaround_ms,
            EXISTS (SELECT 1 FROM review_decisions i WHERE i.prescription_id = r.id AND i.decision = 'intervene') AS intervened,
            EXISTS (SELECT 1 FROM review_decisions i WHERE i.prescription_id = r.id AND i.decision = 'intervene'
                      AND i.intervention ->> 'physicianResponse' = 'accepted') AS accepted
       FROM review_decisions d
       JOIN prescriptions r ON r.id = d.prescription_id
       JOIN patients p ON p.id = r.patient_id
       LEFT JOIN encounters e ON e.id = r.encounter_id
      WHERE d.decision IN ('approve', 'return')
        AND (d.recorded_at AT TIME ZONE $3)::date BETWEEN $1::date AND $2::date`,
    [query.from, query.to, timeZone],
  );
  const departments = new Map<string, DecidedRow[]>();
  for (const row of rows) departments.set(row.department, [...(departments.get(row.department) ?? []), row]);
  const reasons = new Map<string, number>();
  for (const row of rows) for (const code of row.decision === 'return' ? row.reasons : []) reasons.set(code, (reasons.get(code) ?? 0) + 1);
  return {
    from: query.from,
    to: query.to,
    total: summary(rows),
    byDepartment: [...departments.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([department, decided]) => ({ department, ...summary(decided) })),
    byReason: [...reasons.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([code, returns]) => ({ code, zh: returnReason(code)?.zh ?? code, en: returnReason(code)?.en ?? code, returns })),
  };
}

function summary(rows: readonly DecidedRow[]) {
  const returned = rows.filter((r) => r.decision === 'return').length;
  const intervened = rows.filter((r) => r.intervened).length;
  const turnarounds = rows.map((r) => Number(r.turnaround_ms)).sort((a, b) => a - b);
  return {
    decided: rows.length,
    approved: rows.length - returned,
    returned,
    returnRate: rate(returned, rows.length),
    interventions: intervened,
    interventionRate: rate(intervened, rows.length),
    interventionsAccepted: rows.filter((r) => r.accepted).length,
    medianTurnaroundMs: percentile(turnarounds, 0.5),
    p90TurnaroundMs: percentile(turnarounds, 0.9),
  };
}

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);

/** Nearest-rank percentile of sorted values; null when there are none. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}
