import { useTranslation } from 'react-i18next';
import type { ReviewAlertView } from '../../../../shared/ipc/reviewChannels';

/**
 * Every alert of the engine, the ones the prescriber overrode with their reason, and what the
 * server's arrival check raised that the prescriber never answered (shown to the pharmacist only:
 * the physician is not asked again about alerts they acknowledged).
 */
export function AlertsPanel({ alerts }: { alerts: ReviewAlertView[] }) {
  const { t } = useTranslation();
  const unanswered = alerts.filter((a) => a.unanswered);
  const rest = alerts.filter((a) => !a.unanswered);
  return (
    <section className={unanswered.length ? 'panel alert' : 'panel'} data-testid="review-alerts" aria-label={t('review.alerts.title')}>
      <h3>{t('review.alerts.title')}</h3>
      {alerts.length === 0 && <p className="muted">{t('review.alerts.none')}</p>}
      {unanswered.length > 0 && (
        <>
          <p><strong>{t('review.alerts.unanswered', { count: unanswered.length })}</strong></p>
          {unanswered.map((a, n) => <Alert key={`u${n}`} alert={a} />)}
        </>
      )}
      {rest.map((a, n) => <Alert key={`a${n}`} alert={a} />)}
    </section>
  );
}

function Alert({ alert }: { alert: ReviewAlertView }) {
  const { t } = useTranslation();
  const severity = ['block', 'override', 'info'].includes(alert.severity) ? alert.severity : 'info';
  return (
    <div className={`rx-alert ${severity}`} role="note" data-alert-code={alert.code} data-overridden={alert.overridden} data-unanswered={alert.unanswered}>
      <span className="rx-alert-tag">
        {t(`rx.severity.${severity}`)} · {t(`rx.codes.${alert.code}`, { defaultValue: alert.code })}
        {alert.overridden && <> · <span className="tag warn">{t('review.tags.overridden')}</span></>}
        {alert.unanswered && <> · <span className="tag alert">{t('review.alerts.unansweredTag')}</span></>}
      </span>
      <span className="rx-alert-message">{alert.message}</span>
      {alert.overridden && (
        <span data-testid="override-reason">{t('review.alerts.overrideReason')}: {alert.overrideReason ?? t('review.alerts.noReason')}</span>
      )}
    </div>
  );
}
