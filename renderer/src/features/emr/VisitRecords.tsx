import { useTranslation } from 'react-i18next';
import { useEmr } from './emrStore';
import { RecordEntry } from './RecordEntry';

/** The signed records of one visit (their newest versions), shown under it on the chart's timeline. */
export function VisitRecords({ encounterId }: { encounterId: string }) {
  const { t } = useTranslation();
  const records = useEmr((s) => s.records).filter((r) => r.encounterId === encounterId && r.amendedBy === null);
  if (records.length === 0) return null;
  return (
    <ul className="emr-list timeline-records" aria-label={t('timeline.records')}>
      {records.map((r) => <li key={r.id}><RecordEntry record={r} /></li>)}
    </ul>
  );
}
