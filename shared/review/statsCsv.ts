import type { ReviewStats } from './wire';

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
