import { useTranslation } from 'react-i18next';
import type { ReviewDecisionView } from '../../../../shared/ipc/reviewChannels';

/** One decision as every party reads it: who, when, what, the reasons in the UI's language, the note. */
export function DecisionLine({ decision }: { decision: ReviewDecisionView }) {
  const { t, i18n } = useTranslation();
  const when = new Date(decision.decidedAt).toLocaleString(i18n.language, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return (
    <div className={`review-decision-line decision-${decision.decision}`} data-decision={decision.decision} data-prescription-id={decision.prescriptionId}>
      <span className="tag">{t(`review.decision.${decision.decision}`)}</span> {decision.reviewer.name} <span className="muted small">{when}</span>
      {decision.reasons.length > 0 && (
        <ul className="review-reason-list">
          {decision.reasons.map((r) => <li key={r.code} data-reason={r.code}>{i18n.language === 'en' ? r.en : r.zh}</li>)}
        </ul>
      )}
      {decision.note && <p className="review-note">{t('review.decide.note')}: {decision.note}</p>}
      {decision.intervention && (
        <p>
          {t('review.decide.recommendation')}: {decision.intervention.recommendation} ·{' '}
          {t(`review.decide.response.${decision.intervention.physicianResponse}`)}
        </p>
      )}
    </div>
  );
}
