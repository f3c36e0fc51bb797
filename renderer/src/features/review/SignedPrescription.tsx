import { useTranslation } from 'react-i18next';
import type { ReviewDetailView } from '../../../../shared/ipc/reviewChannels';
import { SignatureBadge } from '../rx/SignatureBadge';
import { SignedItemsTable } from '../rx/SignedItemsTable';
import { SignedRiskLines } from './SignedRiskLines';

/** The prescription exactly as signed, with this workstation's signature verdict and what the server found on arrival. */
export function SignedPrescription({ detail, expired }: { detail: ReviewDetailView; expired: boolean }) {
  const { t } = useTranslation();
  const p = detail.prescription;
  const check = detail.signature.check;
  return (
    <section className="panel" data-testid="review-prescription" aria-label={t('review.prescription.title')}>
      <h3>{t('review.prescription.title')}</h3>
      <p>
        {p.prescriber ? `${t('rx.prescriber')}: ${p.prescriber.name} (${p.prescriber.licenceNo})` : t('review.prescription.noPrescriber')} ·{' '}
        {t('rx.issuedOn')} {p.issuedOn} · {t('rx.validUntil', { date: p.lastValidDay })}
        {expired && <> <span className="tag alert">{t('review.tags.expired')}</span></>}
      </p>
      {/* This workstation's verdict first (against the prescriber's registered certificate), then the server's word. */}
      <p data-testid="review-signature" data-state={check?.verified ? 'verified' : (check?.reason ?? 'unsigned')} data-server-state={detail.signature.state}>
        <SignatureBadge check={check ?? { verified: false, reason: 'bad-signature' }} />
        <span className="muted small">
          {' · '}
          {detail.signature.state === 'verified'
            ? t('review.prescription.serverVerified', { at: detail.signature.verifiedAt ?? '' })
            : t('review.prescription.serverUnsigned')}
        </span>
      </p>
      {p.previousId && <p className="tag">{t('rx.revisionOf', { reason: p.revisionReason ?? '' })}</p>}
      {p.voidedAt && <p className="error" role="alert">{t('rx.list.voidedBecause', { reason: p.voidReason ?? '' })}</p>}
      <SignedItemsTable items={p.items} />
      <SignedRiskLines risk={p.risk} />
    </section>
  );
}
