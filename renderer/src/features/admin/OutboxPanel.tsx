import { useTranslation } from 'react-i18next';
import type { AdminDeviceView } from '../../../../shared/ipc/adminChannels';
import { useAdmin } from './adminStore';

/**
 * Changes only a person can move on: held ones the server refused for good, quarantined ones
 * stranded by a revocation. Ids only; what a change says clinically stays in the clinical screens.
 */
export function OutboxPanel({ view }: { view: AdminDeviceView }) {
  const { t, i18n } = useTranslation();
  const { busy, release, exportOutbox } = useAdmin();
  const time = (iso: string) => new Date(iso).toLocaleString(i18n.language);

  return (
    <section className="panel" data-testid="admin-outbox">
      <h3>{t('admin.outbox.title')}</h3>
      <div className="inline-form">
        <button
          className="admin-release"
          onClick={() => void release()}
          disabled={busy !== null || view.counts.quarantined === 0}
        >
          {t('admin.outbox.release', { count: view.counts.quarantined })}
        </button>
        <button className="secondary admin-export" onClick={() => void exportOutbox()} disabled={busy !== null || view.items.length === 0}>
          {t('admin.outbox.export', { count: view.items.length })}
        </button>
      </div>
      <p className="muted small">{t('admin.outbox.releaseExplain')}</p>
      {view.items.length === 0 ? (
        <p className="muted">{t('admin.outbox.empty')}</p>
      ) : (
        <table className="admin-items">
          <thead>
            <tr>
              <th>{t('admin.outbox.state')}</th>
              <th>{t('admin.outbox.kind')}</th>
              <th>{t('admin.outbox.time')}</th>
              <th>{t('admin.outbox.patient')}</th>
              <th>{t('admin.outbox.mutation')}</th>
              <th>{t('admin.outbox.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {view.items.map((item) => (
              <tr key={item.mutationId} data-state={item.state} data-mutation-id={item.mutationId}>
                <td>
                  <span className={item.state === 'held' ? 'tag warn' : 'tag'}>{t(`admin.state.${item.state}`)}</span>
                </td>
                <td>{t(`admin.kind.${item.kind.replaceAll('.', '_')}`, { defaultValue: item.kind })}</td>
                <td>{time(item.clientTime)}</td>
                <td className="mono">{item.patientId ?? '—'}</td>
                <td className="mono">{item.mutationId}</td>
                <td className="small">{item.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
