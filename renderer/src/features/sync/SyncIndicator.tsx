import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PullProgressBar } from './PullProgressBar';
import { useSync } from './syncStore';

/** The link, what waits to be sent, and when the last sync succeeded, always in sight. */
export function SyncIndicator() {
  const { t, i18n } = useTranslation();
  const { status, load, syncNow } = useSync();
  useEffect(() => {
    void load();
  }, [load]);
  if (!status) return null;

  const time = status.lastSuccessAt
    ? new Date(status.lastSuccessAt).toLocaleString(i18n.language, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })
    : t('sync.never');
  const label = status.syncing
    ? t('sync.syncing', { count: status.pulledThisRound })
    : t(`sync.link.${status.link}`);
  return (
    <button
      className={`sync-indicator ${status.link}`}
      data-testid="sync-indicator"
      data-link={status.link}
      data-pending={status.pending}
      onClick={() => void syncNow()}
      // Why the link is down (a refused certificate pin, say) is main's own text, for IT.
      title={status.linkReason ? `${t('sync.syncNow')} — ${status.linkReason}` : t('sync.syncNow')}
    >
      <span className="dot" aria-hidden="true" />
      <span>{label}</span>
      {status.syncing && status.progress && <PullProgressBar {...status.progress} />}
      {status.pending > 0 && <span className="tag">{t('sync.pending', { count: status.pending })}</span>}
      {status.held + status.quarantined > 0 && (
        <span className="tag warn">{t('sync.needsAttention', { count: status.held + status.quarantined })}</span>
      )}
      {status.auditRefused && (
        // The server's reason names entry numbers only: for IT, in the tooltip.
        <span className="tag warn" data-testid="audit-refused" title={status.auditRefused}>{t('sync.auditRefused')}</span>
      )}
      <span className="muted small">{t('sync.lastSuccess', { time })}</span>
    </button>
  );
}
