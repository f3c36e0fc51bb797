import { useTranslation } from 'react-i18next';
import type { VisitAlert } from '../../../../shared/ipc/rxChannels';
import { useRx } from './rxStore';

/** One alert, shown next to what it concerns; an `override` alert carries its reason field. */
export function AlertNote({ alert, reason }: { alert: VisitAlert; reason: string }) {
  const { t } = useTranslation();
  const setOverride = useRx((s) => s.setOverride);
  return (
    <div className={`rx-alert ${alert.severity}`} role="note" data-alert-code={alert.code} data-severity={alert.severity}>
      <span className="rx-alert-tag">{t(`rx.severity.${alert.severity}`)} · {t(`rx.codes.${alert.code}`, { defaultValue: alert.code })}</span>
      <span className="rx-alert-message">{alert.message}</span>
      {alert.severity === 'override' && (
        <label className="rx-override">
          {t('rx.overrideReason')}
          <input
            name={`override-${alert.key}`}
            value={reason}
            placeholder={t('rx.overridePlaceholder')}
            onChange={(e) => setOverride(alert.key, e.target.value)}
          />
        </label>
      )}
      <span className="muted small">{alert.source}</span>
    </div>
  );
}
