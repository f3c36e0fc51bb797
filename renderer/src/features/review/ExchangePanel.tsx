import { useTranslation } from 'react-i18next';
import type { ReviewDetailView } from '../../../../shared/ipc/reviewChannels';
import { SignatureBadge } from '../rx/SignatureBadge';
import { DecisionLine } from './DecisionLine';

/** The exchange so far: every decision on this version and the versions it corrects, oldest first, each with this workstation's signature verdict. */
export function ExchangePanel({ exchange }: { exchange: ReviewDetailView['exchange'] }) {
  const { t } = useTranslation();
  return (
    <section className="panel" data-testid="review-exchange" aria-label={t('review.exchange.title')}>
      <h3>{t('review.exchange.title')}</h3>
      {exchange.length === 0 ? (
        <p className="muted">{t('review.exchange.none')}</p>
      ) : (
        <ol className="review-exchange">
          {exchange.map((d) => (
            <li key={d.decisionId} data-signature={d.signatureCheck === null ? 'not-here' : d.signatureCheck.verified ? 'verified' : d.signatureCheck.reason}>
              <DecisionLine decision={d} />
              {d.signatureCheck === null ? <span className="muted small">{t('review.exchange.notHereYet')}</span> : <SignatureBadge check={d.signatureCheck} />}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
