import { useTranslation } from 'react-i18next';
import type { ReviewDecisionView } from '../../../../shared/ipc/reviewChannels';
import { DecisionLine } from './DecisionLine';

/** The exchange so far: every decision on this version and the versions it corrects, oldest first. */
export function ExchangePanel({ exchange }: { exchange: ReviewDecisionView[] }) {
  const { t } = useTranslation();
  return (
    <section className="panel" data-testid="review-exchange" aria-label={t('review.exchange.title')}>
      <h3>{t('review.exchange.title')}</h3>
      {exchange.length === 0 ? (
        <p className="muted">{t('review.exchange.none')}</p>
      ) : (
        <ol className="review-exchange">
          {exchange.map((d) => <li key={d.decisionId}><DecisionLine decision={d} /></li>)}
        </ol>
      )}
    </section>
  );
}
