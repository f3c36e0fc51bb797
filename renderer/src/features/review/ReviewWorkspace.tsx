import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReviewQueue } from './ReviewQueue';
import { ReviewScreen } from './ReviewScreen';
import { ReviewStatsPanel } from './ReviewStatsPanel';

/** Pharmacist mode (issue 10): the shared queue beside the prescription under review, or the pharmacy lead's figures. */
export function ReviewWorkspace() {
  const { t } = useTranslation();
  const [view, setView] = useState<'queue' | 'stats'>('queue');
  return (
    <>
      <nav className="review-views" aria-label={t('review.workspace.queue')}>
        {(['queue', 'stats'] as const).map((v) => (
          <button key={v} className={view === v ? '' : 'secondary'} aria-pressed={view === v} data-view={v} onClick={() => setView(v)}>
            {t(`review.workspace.${v}`)}
          </button>
        ))}
      </nav>
      {view === 'queue' ? (
        <div className="panes review-panes">
          <ReviewQueue />
          <ReviewScreen />
        </div>
      ) : (
        <ReviewStatsPanel />
      )}
    </>
  );
}
