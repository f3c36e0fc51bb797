import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceView } from '../../../../../shared/sync/admin';
import { invoke } from '../../../api';
import { errorText } from '../../../i18n';
import { useConsoleCall } from './useConsoleCall';

/**
 * The hospital's workstations as the server knows them (issue 12): approve a new one, revoke a lost
 * one. Revocation is final on the server; a revoked workstation comes back by registering again
 * from its own device screen (DevicePanel). The one in use here cannot be revoked from itself.
 */
export function ServerDevicesPanel() {
  const { t, i18n } = useTranslation();
  const { busy, error, run } = useConsoleCall();
  const [view, setView] = useState<{ devices: DeviceView[]; thisDevice: string | null } | null>(null);
  const load = () => run(() => invoke('admin:devices:list', {})).then((value) => value && setView(value));
  useEffect(() => {
    void load();
  }, []);
  const decide = async (id: string, decision: 'approve' | 'revoke') => {
    if (await run(() => invoke('admin:devices:decide', { id, decision }))) await load();
  };

  return (
    <section className="panel" data-testid="console-devices">
      <h3>{t('console.devices.title')}</h3>
      {error && <p className="error" role="alert" data-error-code={error.code}>{errorText(error)}</p>}
      {view && (
        <table className="admin-items">
          <thead>
            <tr>
              <th>{t('console.devices.name')}</th>
              <th>{t('console.devices.status')}</th>
              <th>{t('console.devices.registeredAt')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {view.devices.map((d) => (
              <tr key={d.id} data-device={d.id} data-status={d.status}>
                <td>
                  {d.name}
                  {d.id === view.thisDevice && <span className="tag">{t('console.devices.thisOne')}</span>}
                </td>
                <td>{t(`console.devices.statuses.${d.status}`)}</td>
                <td>{new Date(d.registeredAt).toLocaleString(i18n.language)}</td>
                <td className="inline-form">
                  {d.status === 'pending' && (
                    <button className="device-approve" disabled={busy} onClick={() => void decide(d.id, 'approve')}>{t('console.devices.approve')}</button>
                  )}
                  {d.status !== 'revoked' && d.id !== view.thisDevice && (
                    <button className="secondary device-revoke" disabled={busy} onClick={() => void decide(d.id, 'revoke')}>{t('console.devices.revoke')}</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">{t('console.devices.revokeExplain')}</p>
    </section>
  );
}
