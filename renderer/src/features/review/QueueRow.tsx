import { useTranslation } from 'react-i18next';
import type { ReviewQueueItem, ReviewQueueView } from '../../../../shared/ipc/reviewChannels';
import { errorText } from '../../i18n';
import { useSession } from '../auth/sessionStore';
import { useReviewAccess } from './reviewAccess';
import { useReviewScreen } from './reviewScreenStore';
import { clockColour, waitingText } from './waitingClock';

interface Props {
  item: ReviewQueueItem;
  limits: ReviewQueueView['limits'];
  /** Time since the queue was read: the clock keeps running between reads. */
  elapsedMs: number;
}

/** One waiting prescription: why it is urgent, how long it has waited, who holds it. */
export function QueueRow({ item, limits, elapsedMs }: Props) {
  const { t } = useTranslation();
  const userId = useSession((s) => s.session?.userId);
  const { readOnly } = useReviewAccess();
  const { openId, claiming, claimError, claim, open } = useReviewScreen();
  const waitingMs = item.waitingMs + elapsedMs;
  const clock = clockColour(waitingMs, limits);
  const heldByOther = item.claim !== null && item.claim.pharmacistId !== userId;
  const mine = item.claim !== null && !heldByOther;
  const u = item.urgency;
  const tags = [
    u.emergency && 'emergency',
    u.highAlert && 'highAlert',
    u.child && 'child',
    u.elderly && 'elderly',
    u.overridden && 'overridden',
    u.unacknowledged > 0 && 'unacknowledged',
  ].filter((tag): tag is string => typeof tag === 'string');
  const whyNot = readOnly ? t(`review.readOnly.${readOnly}`) : heldByOther ? t('review.queue.heldBy', { name: item.claim?.pharmacistName }) : null;

  return (
    <li
      className={`review-item${openId === item.prescriptionId ? ' selected' : ''}`}
      data-prescription-id={item.prescriptionId}
      data-clock={clock}
      data-claimed={item.claim ? (mine ? 'mine' : 'other') : 'no'}
      data-expired={item.expired}
    >
      <div className="review-item-line">
        <span className={`review-clock clock-${clock}`} title={t(`review.queue.clock.${clock}`)}>
          {waitingText(waitingMs, t)}
        </span>
        <span>{t(`departments.${item.department}`, { defaultValue: item.department })}</span>
        <span>{item.prescriber.name}</span>
        <span className="muted">{t('patients.age', { count: item.patientAge })}</span>
        {item.expired && <span className="tag alert" data-tag="expired">{t('review.tags.expired')}</span>}
      </div>
      {tags.length > 0 && (
        <div className="review-tags">
          {tags.map((tag) => (
            <span key={tag} className={`tag ${tag === 'emergency' || tag === 'highAlert' ? 'alert' : 'warn'}`} data-tag={tag}>
              {t(`review.tags.${tag}`, { count: u.unacknowledged })}
            </span>
          ))}
        </div>
      )}
      {item.claim && (
        <p className="muted small" data-testid="claim-holder">
          {mine ? t('review.queue.heldByYou') : t('review.queue.heldBy', { name: item.claim.pharmacistName })}
        </p>
      )}
      <div className="review-item-actions">
        {mine ? (
          <button onClick={() => void open(item.prescriptionId)}>{t('review.queue.continue')}</button>
        ) : (
          <button
            className="review-claim"
            disabled={whyNot !== null || claiming === item.prescriptionId}
            title={whyNot ?? undefined}
            aria-describedby={whyNot ? `why-${item.prescriptionId}` : undefined}
            onClick={() => void claim(item.prescriptionId)}
          >
            {t('review.queue.claim')}
          </button>
        )}
        <button className="secondary review-view" onClick={() => void open(item.prescriptionId)}>{t('review.queue.view')}</button>
        {whyNot && !mine && <span id={`why-${item.prescriptionId}`} className="muted small review-why-not">{whyNot}</span>}
      </div>
      {claimError?.prescriptionId === item.prescriptionId && (
        <p className="error" role="alert" data-error-code={claimError.error.code}>{errorText(claimError.error)}</p>
      )}
    </li>
  );
}
