import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { maxQueueLimit } from '../../../../shared/review/wire';
import { subscribe } from '../../api';
import { errorText } from '../../i18n';
import { useSync } from '../sync/syncStore';
import { QueueFilters } from './QueueFilters';
import { QueueRow } from './QueueRow';
import { useReviewAccess } from './reviewAccess';
import { useReviewQueue } from './reviewQueueStore';
import { useNow } from './useNow';

/** How often the shared queue is read again while it is on screen: other pharmacists claim and decide. */
const refreshMs = 15_000;

/**
 * The hospital's one review queue (issue 10, "The queue"), in the server's order (most urgent
 * first), with live counts. Offline, or for a pharmacist not qualified as a reviewer, it is
 * read-only and says why; nothing here approves in bulk.
 */
export function ReviewQueue() {
  const { t } = useTranslation();
  const { queue, error, loads, loadedAt, load, shown, showMore } = useReviewQueue();
  const access = useReviewAccess();
  const now = useNow(30_000);
  const link = useSync((st) => st.status?.link ?? null);

  // Back online, read the queue again at once: its read-only copy was the last one fetched.
  useEffect(() => {
    if (link === 'online') void load();
  }, [link, load]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), refreshMs);
    const stop = subscribe('sync:applied', ({ tables }) => {
      if (tables.includes('prescriptions')) void load();
    });
    return () => {
      clearInterval(timer);
      stop();
    };
  }, [load]);

  const counts = queue?.counts;
  return (
    <section className="review-queue" data-testid="review-queue" data-loads={loads} aria-label={t('review.queue.title')}>
      <header className="review-queue-head">
        <h2>{t('review.queue.title')}</h2>
        <button className="secondary review-refresh" onClick={() => void load()}>{t('review.queue.refresh')}</button>
        {counts && (
          <p className="review-counts" data-testid="review-counts" aria-live="polite">
            <span>{t('review.queue.waiting', { count: counts.waiting })}</span>
            <span>{t('review.queue.inReview', { count: counts.inReview })}</span>
            <span className="clock-amber">{t('review.queue.amber', { count: counts.amber })}</span>
            <span className="clock-red">{t('review.queue.red', { count: counts.red })}</span>
            <span>{t('review.queue.expired', { count: counts.expired })}</span>
          </p>
        )}
      </header>
      {access.readOnly && (
        // Main's own sentence (when the queue was fetched, what failed) is for the curious: the tooltip.
        <p className="review-read-only" role="status" data-testid="review-read-only" data-reason={access.readOnly} title={access.detail ?? undefined}>
          {t(`review.readOnly.${access.readOnly}`)}
        </p>
      )}
      {error && <p className="error" role="alert" data-error-code={error.code}>{errorText(error)}</p>}
      <QueueFilters />
      {queue && queue.items.length === 0 && <p className="muted">{t('review.queue.empty')}</p>}
      {queue && counts && queue.items.length < counts.waiting + counts.inReview && (
        <p className="muted small" data-testid="review-first-page">{t('review.queue.firstPage', { shown: queue.items.length, total: counts.waiting + counts.inReview })}</p>
      )}
      <ol className="review-items">
        {queue?.items.map((item) => (
          <QueueRow key={item.prescriptionId} item={item} limits={queue.limits} elapsedMs={Math.max(0, now - loadedAt)} />
        ))}
      </ol>
      {queue && counts && queue.items.length < counts.waiting + counts.inReview && shown < maxQueueLimit && !queue.readOnly && (
        <button className="secondary review-more" onClick={() => void showMore()}>{t('review.queue.more')}</button>
      )}
    </section>
  );
}
