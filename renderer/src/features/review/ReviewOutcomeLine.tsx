import { useTranslation } from 'react-i18next';
import type { ReviewOutcome } from '../../../../shared/ipc/reviewChannels';
import { DecisionLine } from './DecisionLine';

/**
 * The pharmacist's review of one prescription version, where the physician reads their
 * prescriptions (the chart and the prescribing screen): the decision with its reasons and note,
 * and every intervention recorded on it.
 */
export function ReviewOutcomeLine({ review }: { review: ReviewOutcome | null }) {
  const { t } = useTranslation();
  if (!review || (!review.decision && review.interventions.length === 0)) return null;
  return (
    <div className="review-outcome" data-testid="review-outcome" data-review-status={review.status}>
      <span className="muted small">{t('review.outcome.title')}</span>
      {review.interventions.map((d) => <DecisionLine key={d.decisionId} decision={d} />)}
      {review.decision && <DecisionLine decision={review.decision} />}
    </div>
  );
}
