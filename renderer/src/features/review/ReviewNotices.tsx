import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewNotice } from '../../../../shared/ipc/reviewChannels';
import { subscribe } from '../../api';
import { usePatients } from '../patients/patientsStore';
import { useRx } from '../rx/rxStore';
import { DecisionLine } from './DecisionLine';
import { useReviewNotices } from './reviewNoticesStore';
import { useReviewScreen } from './reviewScreenStore';

/**
 * In the top bar: a prescription of the physician's returned by the pharmacist (with the reasons
 * and note), or, for the pharmacist who approved one, its void afterwards. "Open" shows the
 * patient's chart, where the prescription is revised (rx:revise), or the voided one on the review screen.
 */
export function ReviewNotices() {
  const { t } = useTranslation();
  const { notices, loads, open, load, toggle, acknowledge } = useReviewNotices();
  useEffect(() => {
    void load();
    return subscribe('sync:applied', ({ tables }) => {
      if (tables.includes('prescriptions')) void load();
    });
  }, [load]);
  if (notices.length === 0) return <span data-testid="review-notices" data-loads={loads} data-count={0} hidden />;

  const show = (notice: ReviewNotice) => {
    toggle();
    // The approving pharmacist reads a late void on the review screen; the physician revises in the chart.
    if (notice.kind === 'voided-after-approval') return void useReviewScreen.getState().open(notice.prescriptionId);
    useRx.getState().close();
    void usePatients.getState().select(notice.patientId);
  };
  return (
    <div className="review-notices" data-testid="review-notices" data-loads={loads} data-count={notices.length}>
      <button className="tag alert review-notices-toggle" aria-expanded={open} onClick={toggle}>
        {t('review.notices.count', { count: notices.length })}
      </button>
      {open && (
        <ul className="review-notices-list panel" role="list">
          {notices.map((n) => (
            <li key={`${n.kind}-${n.prescriptionId}`} data-prescription-id={n.prescriptionId} data-kind={n.kind}>
              <strong>{t(`review.notices.${n.kind}`, { date: n.issuedOn })}</strong>
              <DecisionLine decision={n.decision} />
              {n.voidReason && <p>{t('rx.list.voidedBecause', { reason: n.voidReason })}</p>}
              <div className="rx-actions">
                <button className="review-notice-open" onClick={() => show(n)}>{t('review.notices.open')}</button>
                <button className="link review-notice-ack" onClick={() => void acknowledge(n)}>{t('review.notices.acknowledge')}</button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
