import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineCursor, TimelineEntry } from '../../../../shared/domain/chart';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api';
import { errorText } from '../../i18n';

/** One visit; `children` holds the visit's signed records (features/emr), readable in full from here. */
export function TimelineEntryView({ entry, children }: { entry: TimelineEntry; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <li className="timeline-entry" data-encounter-id={entry.id}>
      <span>{entry.date}</span> {entry.kind === 'first-visit' ? t('summary.firstVisit') : t('summary.followUp')} ·{' '}
      {entry.channel === 'in-person' ? t('summary.inPerson') : t('summary.online')} · {entry.physicianName}
      <div className="muted small">{entry.chiefComplaint}</div>
      {children}
    </li>
  );
}

/**
 * Every visit, in-person and online, newest first. The chart opens with the first page; older
 * visits come a page at a time, so a patient with hundreds of visits opens as fast as any other.
 */
export function Timeline({ patientId, first, next, total, recordsOf }: {
  patientId: string;
  first: TimelineEntry[];
  next: TimelineCursor | null;
  total: number;
  /** What a visit shows under it: its signed records. */
  recordsOf: (encounterId: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState(first);
  const [cursor, setCursor] = useState(next);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    setEntries(first);
    setCursor(next);
  }, [first, next]);

  const more = async () => {
    if (!cursor) return;
    const result = await invoke('patients:timeline', { patientId, after: cursor, limit: 20 });
    if (!result.ok) return setError(result.error);
    setError(null);
    setEntries((shown) => [...shown, ...result.value.entries]);
    setCursor(result.value.next);
  };

  return (
    <section className="panel" data-testid="encounters" data-shown={entries.length}>
      <h3>{t('chart.timeline.title', { count: total })}</h3>
      {entries.length === 0 ? <p className="muted">{t('summary.empty')}</p> : <ul>{entries.map((e) => <TimelineEntryView key={e.id} entry={e}>{recordsOf(e.id)}</TimelineEntryView>)}</ul>}
      {cursor && <button className="secondary" onClick={() => void more()}>{t('chart.timeline.more', { shown: entries.length, total })}</button>}
      {error && <p className="error" role="alert">{errorText(error)}</p>}
    </section>
  );
}
