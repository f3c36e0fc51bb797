import { useTranslation } from 'react-i18next';
import type { ReviewDetailView } from '../../../../shared/ipc/reviewChannels';
import { SignedItemsTable } from '../rx/SignedItemsTable';

/** The prescription exactly as signed, with what the server found when it verified the signature. */
export function SignedPrescription({ detail, expired }: { detail: ReviewDetailView; expired: boolean }) {
  const { t } = useTranslation();
  const p = detail.prescription;
  return (
    <section className="panel" data-testid="review-prescription" aria-label={t('review.prescription.title')}>
      <h3>{t('review.prescription.title')}</h3>
      <p>
        {p.prescriber ? `${t('rx.prescriber')}: ${p.prescriber.name} (${p.prescriber.licenceNo})` : t('review.prescription.noPrescriber')} ·{' '}
        {t('rx.issuedOn')} {p.issuedOn} · {t('rx.validUntil', { date: p.lastValidDay })}
        {expired && <> <span className="tag alert">{t('review.tags.expired')}</span></>}
      </p>
      <p data-testid="review-signature" data-state={detail.signature.state} className={detail.signature.state === 'verified' ? 'review-verified' : 'error'}>
        {detail.signature.state === 'verified'
          ? t('review.prescription.verified', { at: detail.signature.verifiedAt ?? '' })
          : t('review.prescription.unsigned')}
      </p>
      {p.previousId && <p className="tag">{t('rx.revisionOf', { reason: p.revisionReason ?? '' })}</p>}
      {p.voidedAt && <p className="error" role="alert">{t('rx.list.voidedBecause', { reason: p.voidReason ?? '' })}</p>}
      <SignedItemsTable items={p.items} />
    </section>
  );
}
