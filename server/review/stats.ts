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

/** The same figures as CSV (RFC 4180), one row per department and a total, for the pharmacy's own tools. */
export function reviewStatsCsv(stats: ReviewStats): string {
  const header = ['department', 'decided', 'approved', 'returned', 'return_rate', 'interventions', 'intervention_rate', 'interventions_accepted', 'median_turnaround_min', 'p90_turnaround_min'];
  const minutes = (ms: number | null) => (ms === null ? '' : (ms / 60_000).toFixed(1));
  const line = (name: string, s: ReviewStats['total']) =>
    [name, s.decided, s.approved, s.returned, s.returnRate ?? '', s.interventions, s.interventionRate ?? '', s.interventionsAccepted, minutes(s.medianTurnaroundMs), minutes(s.p90TurnaroundMs)]
      .map((cell) => csvCell(String(cell)))
      .join(',');
  const reasonHeader = ['reason_code', 'reason', 'returns'];
  return [
    header.join(','),
    ...stats.byDepartment.map((d) => line(d.department, d)),
    line('(all)', stats.total),
    '',
    reasonHeader.join(','),
    ...stats.byReason.map((r) => [r.code, r.zh, String(r.returns)].map(csvCell).join(',')),
  ].join('\r\n') + '\r\n';
}

/** Quotes a cell when it must be; a leading =, +, - or @ is neutralised so a spreadsheet never runs it. */
function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
