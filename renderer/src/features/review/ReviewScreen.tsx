import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';
import { useSession } from '../auth/sessionStore';
import { AlertsPanel } from './AlertsPanel';
import { ChangesPanel } from './ChangesPanel';
import { DecisionForm } from './DecisionForm';
import { ExchangePanel } from './ExchangePanel';
import { PatientContextPanel } from './PatientContextPanel';
import { SignedPrescription } from './SignedPrescription';
import { useReviewAccess } from './reviewAccess';
import { useReviewQueue } from './reviewQueueStore';
import { useReviewScreen } from './reviewScreenStore';

/** How often an open, claimed item renews its lease (claiming again renews one's own; leases last 10 minutes). */
const renewMs = 4 * 60_000;

/**
 * The review screen (issue 10, "The review screen"): everything the pharmacist reads before deciding,
 * in the order they read it, and the decision when they hold the item's lease.
 */
export function ReviewScreen() {
  const { t } = useTranslation();
  const userId = useSession((s) => s.session?.userId);
  const { openId, detail, detailError, decided, claiming, claimError, claim, release, close, open } = useReviewScreen();
  const item = useReviewQueue((s) => s.queue?.items.find((i) => i.prescriptionId === openId) ?? null);
  const { readOnly } = useReviewAccess();
  const mine = detail?.claim !== null && detail?.claim !== undefined && detail.claim.pharmacistId === userId;

  useEffect(() => {
    if (!mine || !openId || readOnly) return;
    // Renewed while the item is open; an abandoned screen lets the lease lapse and the item return.
    const timer = setInterval(() => void claim(openId), renewMs);
    return () => clearInterval(timer);
  }, [mine, openId, readOnly, claim]);

  if (!openId) {
    return (
      <section className="review-screen empty muted">
        {decided ? <p className="notice" role="status" data-testid="review-decided">{t(`review.decided.${decided.decision}`)}</p> : t('review.screen.choose')}
      </section>
    );
  }
  if (detailError) {
    return (
      <section className="review-screen">
        <p className="error" role="alert" data-error-code={detailError.code}>{errorText(detailError)}</p>
        <button className="secondary" onClick={() => void open(openId)}>{t('review.screen.retry')}</button>
      </section>
    );
  }
  if (!detail) return <section className="review-screen muted">{t('app.loading')}</section>;

  const holder = detail.claim && !mine ? (item?.claim?.pharmacistName ?? detail.claim.pharmacistId) : null;
  const mayClaim = !detail.claim && !readOnly && !detail.notDecidableReason;
  return (
    <section className="review-screen" data-testid="review-screen" data-prescription-id={detail.prescription.id} data-mine={mine} data-status={detail.prescription.status}>
      <header className="review-screen-head">
        <h2>{detail.patient?.name ?? t('review.screen.unknownPatient')}</h2>
        <span className={`tag status-${detail.prescription.status}`}>{t(`rx.status.${detail.prescription.status}`, { defaultValue: detail.prescription.status })}</span>
        {mine && <span className="tag" data-testid="held-by-you">{t('review.queue.heldByYou')}</span>}
        {holder && <span className="tag warn" data-testid="held-by">{t('review.queue.heldBy', { name: holder })}</span>}
        {mayClaim && <button className="review-claim" disabled={claiming === openId} onClick={() => void claim(openId)}>{t('review.queue.claim')}</button>}
        {mine && <button className="secondary review-release" onClick={() => void release()}>{t('review.screen.release')}</button>}
        <button className="secondary" onClick={close}>{t('review.screen.close')}</button>
      </header>
      {claimError?.prescriptionId === openId && <p className="error" role="alert" data-error-code={claimError.error.code}>{errorText(claimError.error)}</p>}
      {detail.notDecidableReason && <p className="review-read-only" role="status">{t('review.screen.ownPrescription')}</p>}
      <PatientContextPanel patient={detail.patient} />
      <SignedPrescription detail={detail} expired={item?.expired ?? false} />
      <ChangesPanel changes={detail.changes} />
      <AlertsPanel alerts={detail.alerts} />
      <ExchangePanel exchange={detail.exchange} />
      {mine && !detail.notDecidableReason && <DecisionForm expired={item?.expired ?? false} readOnly={readOnly} />}
    </section>
  );
}
