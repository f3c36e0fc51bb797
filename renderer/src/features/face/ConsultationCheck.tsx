import { useTranslation } from 'react-i18next';
import { FaceStep } from './FaceStep';

const stepUp = { purpose: 'step-up' } as const;

/**
 * The fresh face check before a consultation (issue 9): main refused to open it with
 * CONSULTATION_CHECK_REQUIRED because the last check is older than the site's window; an accepted
 * step-up renews the session's verification, then the consultation is opened again.
 */
export function ConsultationCheck({ onVerified, onCancel }: { onVerified: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="consultation-check" data-testid="consultation-check">
      <p className="muted">{t('face.consultation.explain')}</p>
      <FaceStep request={stepUp} onAccepted={onVerified} onCancel={onCancel} />
    </div>
  );
}
