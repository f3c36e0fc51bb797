import { useTranslation } from 'react-i18next';
import type { PrescriptionView } from '../../../../shared/ipc/rxChannels';
import { SignatureBadge } from './SignatureBadge';
import { ReviewOutcomeLine } from '../review/ReviewOutcomeLine';
import { PrintButton } from '../print/PrintButton';

/** The visit's signed prescriptions with their lifecycle status (queued until the sync worker sends them). */
export function SignedList({ prescriptions }: { prescriptions: PrescriptionView[] }) {
  const { t } = useTranslation();
  if (prescriptions.length === 0) return null;
  return (
    <section className="panel" data-testid="rx-signed">
      <h3>{t('rx.signedInVisit')}</h3>
      <ul>
        {prescriptions.map((p) => (
          <li key={p.id} data-prescription-id={p.id} data-status={p.status}>
            <span className={`tag status-${p.status}`}>{t(`rx.status.${p.status}`)}</span>{' '}
            {p.items.map((i) => `${i.drugNameZh ?? i.drug} ${i.dose} ${i.frequency} × ${i.days}`).join('；')}
            <span className="muted small"> · {t('rx.validUntil', { date: p.lastValidDay })}</span>
            <SignatureBadge check={p.signatureCheck} />
            <ReviewOutcomeLine review={p.review} />
            {p.signedAt && <PrintButton kind="prescription" id={p.id} label={t('rxPrint.open')} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
