import { useTranslation } from 'react-i18next';

/** The first download's bar: shown only while a round has more than one page to fetch. */
export function PullProgressBar({ done, total }: { done: number; total: number }) {
  const { t } = useTranslation();
  const percent = Math.min(100, Math.floor((done / Math.max(total, 1)) * 100));
  const label = t('sync.progress', { percent });
  return (
    <progress className="sync-progress" data-testid="sync-progress" max={total} value={done} aria-label={label} title={label}>
      {label}
    </progress>
  );
}
