import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminDeviceView } from '../../../../shared/ipc/adminChannels';
import { useAdmin } from './adminStore';

/** Who this workstation is to the hospital server, and what its outbox holds. */
export function DevicePanel({ view }: { view: AdminDeviceView }) {
  const { t, i18n } = useTranslation();
  const { busy, reregister } = useAdmin();
  const [confirming, setConfirming] = useState(false);
  const lastSync = view.lastSuccessAt ? new Date(view.lastSuccessAt).toLocaleString(i18n.language) : t('sync.never');

  return (
    <section className="panel" data-testid="admin-device" data-link={view.link ?? 'none'}>
      <h3>{t('admin.device.title')}</h3>
      <dl className="facts">
        <dt>{t('admin.device.localId')}</dt>
        <dd data-testid="admin-local-id">{view.localId}</dd>
        <dt>{t('admin.device.serverId')}</dt>
        <dd>{view.serverDeviceId ?? t('admin.device.notRegistered')}</dd>
        <dt>{t('admin.device.link')}</dt>
        <dd data-testid="admin-link">{view.link ? t(`sync.link.${view.link}`) : t('admin.device.noServer')}</dd>
        <dt>{t('admin.device.lastSync')}</dt>
        <dd>{view.link ? lastSync : '—'}</dd>
        <dt>{t('admin.device.outbox')}</dt>
        <dd data-testid="admin-counts">
          {t('admin.counts', { pending: view.counts.pending, held: view.counts.held, quarantined: view.counts.quarantined })}
        </dd>
        {view.feedRewind && (
          <>
            <dt>{t('admin.device.feedRewind')}</dt>
            <dd data-testid="admin-feed-rewind">
              {t('admin.device.feedRewindDetail', { at: new Date(view.feedRewind.at).toLocaleString(i18n.language), resent: view.feedRewind.resent, reason: view.feedRewind.code ? t(`admin.device.rewindReasons.${view.feedRewind.code}`, { cursor: view.feedRewind.cursor, latestSeq: view.feedRewind.latestSeq }) : view.feedRewind.reason })}
            </dd>
          </>
        )}
      </dl>
      {view.link === null && <p className="muted small">{t('admin.device.noServerExplain')}</p>}
      {view.link === 'revoked' && (
        <div className="inline-form">
          <p className="muted small">{t('admin.device.revokedExplain')}</p>
          {confirming ? (
            <>
              <button onClick={() => void reregister().then(() => setConfirming(false))} disabled={busy !== null}>
                {t('admin.device.reregisterConfirm')}
              </button>
              <button className="secondary" onClick={() => setConfirming(false)}>{t('rx.cancel')}</button>
            </>
          ) : (
            <button className="secondary" onClick={() => setConfirming(true)}>{t('admin.device.reregister')}</button>
          )}
        </div>
      )}
    </section>
  );
}
