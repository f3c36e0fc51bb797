import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewStats } from '../../../../shared/review/wire';
import { reviewStatsCsv } from '../../../../shared/review/statsCsv';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api';
import { errorText } from '../../i18n';

type Summary = ReviewStats['total'];

const isoDay = (at: Date) => at.toISOString().slice(0, 10);
const percent = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(1)}%`);
const minutes = (ms: number | null) => (ms === null ? '–' : (ms / 60_000).toFixed(1));

/**
 * The pharmacy lead's view (issue 10): turnaround, return and intervention rates by department and
 * by reason over a date range, with CSV export. Rows are in department order, never ranked by a
 * figure, and nothing here counts prescription value or drug revenue: the national rules forbid
 * tying prescriptions to drug sales.
 */
export function ReviewStatsPanel() {
  const { t, i18n } = useTranslation();
  const [range, setRange] = useState(() => ({ from: isoDay(new Date(Date.now() - 29 * 86_400_000)), to: isoDay(new Date()) }));
  const [stats, setStats] = useState<ReviewStats | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  async function load() {
    const result = await invoke('review:stats', range);
    if (!result.ok) return setError(result.error);
    setError(null);
    setStats(result.value);
  }

  function exportCsv() {
    if (!stats) return;
    // A byte-order mark so spreadsheet programs read the Chinese labels as UTF-8.
    const blob = new Blob(['\ufeff', reviewStatsCsv(stats)], { type: 'text/csv;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `review-${stats.from}-${stats.to}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  const row = (name: string, s: Summary, key: string) => (
    <tr key={key} data-department={key}>
      <th scope="row">{name}</th>
      <td data-figure="decided">{s.decided}</td>
      <td data-figure="returned">{s.returned}</td>
      <td data-figure="returnRate">{percent(s.returnRate)}</td>
      <td data-figure="interventions">{s.interventions}</td>
      <td data-figure="interventionRate">{percent(s.interventionRate)}</td>
      <td data-figure="interventionsAccepted">{s.interventionsAccepted}</td>
      <td data-figure="medianTurnaround">{minutes(s.medianTurnaroundMs)}</td>
      <td data-figure="p90Turnaround">{minutes(s.p90TurnaroundMs)}</td>
    </tr>
  );

  return (
    <section className="panel review-stats" data-testid="review-stats" aria-label={t('reviewStats.title')}>
      <h2>{t('reviewStats.title')}</h2>
      <form className="review-stats-range" onSubmit={(e) => { e.preventDefault(); void load(); }}>
        <label>
          {t('reviewStats.from')}
          <input type="date" name="from" value={range.from} required onChange={(e) => setRange({ ...range, from: e.target.value })} />
        </label>
        <label>
          {t('reviewStats.to')}
          <input type="date" name="to" value={range.to} required onChange={(e) => setRange({ ...range, to: e.target.value })} />
        </label>
        <button type="submit">{t('reviewStats.show')}</button>
        <button type="button" className="secondary" disabled={!stats} onClick={exportCsv}>{t('reviewStats.export')}</button>
      </form>
      <p className="muted small">{t('reviewStats.noRanking')}</p>
      {error && <p className="error" role="alert" data-error-code={error.code}>{errorText(error)}</p>}
      {stats && (
        <>
          <table data-testid="review-stats-departments">
            <caption>{t('reviewStats.byDepartment', { from: stats.from, to: stats.to })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reviewStats.department')}</th>
                <th scope="col">{t('reviewStats.decided')}</th>
                <th scope="col">{t('reviewStats.returned')}</th>
                <th scope="col">{t('reviewStats.returnRate')}</th>
                <th scope="col">{t('reviewStats.interventions')}</th>
                <th scope="col">{t('reviewStats.interventionRate')}</th>
                <th scope="col">{t('reviewStats.accepted')}</th>
                <th scope="col">{t('reviewStats.medianTurnaround')}</th>
                <th scope="col">{t('reviewStats.p90Turnaround')}</th>
              </tr>
            </thead>
            <tbody>
              {stats.byDepartment.map((d) => row(t(`departments.${d.department}`, { defaultValue: d.department }), d, d.department))}
              {row(t('reviewStats.all'), stats.total, '(all)')}
            </tbody>
          </table>
          <table data-testid="review-stats-reasons">
            <caption>{t('reviewStats.byReason')}</caption>
            <thead>
              <tr><th scope="col">{t('reviewStats.reason')}</th><th scope="col">{t('reviewStats.returns')}</th></tr>
            </thead>
            <tbody>
              {stats.byReason.length === 0 && <tr><td colSpan={2} className="muted">{t('reviewStats.noReturns')}</td></tr>}
              {stats.byReason.map((r) => (
                <tr key={r.code} data-reason={r.code}><th scope="row">{i18n.language === 'en' ? r.en : r.zh}</th><td>{r.returns}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
