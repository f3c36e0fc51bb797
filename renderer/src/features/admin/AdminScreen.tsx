import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';
import { subscribe } from '../../api';
import { ReviewStatsPanel } from '../review/ReviewStatsPanel';
import { AuditPanel } from '../audit/AuditPanel';
import { useAdmin } from './adminStore';
import { DevicePanel } from './DevicePanel';
import { FaceEnrollmentPanel } from './FaceEnrollmentPanel';
import { FacePolicyPanel } from './FacePolicyPanel';
import { OutboxPanel } from './OutboxPanel';
import { QuarantinePanel } from './QuarantinePanel';
import { AccountsPanel } from './console/AccountsPanel';
import { FormularyImportPanel } from './console/FormularyImportPanel';
import { HospitalSettingsPanel } from './console/HospitalSettingsPanel';
import { ServerDevicesPanel } from './console/ServerDevicesPanel';
import { TemplateImportPanel } from './console/TemplateImportPanel';

/**
 * The admin's screen: this device and what its outbox holds that needs a person; with a hospital
 * server, the console that runs the hospital (accounts, devices, settings, imports: issue 12).
 */
export function AdminScreen() {
  const { t } = useTranslation();
  const { view, error, done, load } = useAdmin();
  useEffect(() => {
    // A new session starts without the last one's messages.
    useAdmin.setState({ error: null, done: null });
    void load();
    // Each sync round may quarantine, hold or deliver changes: keep the counts true.
    return subscribe('sync:status', () => void load());
  }, [load]);

  return (
    <main className="admin-screen" data-testid="admin-screen">
      <h2>{t('admin.title')}</h2>
      {error && (
        <p className="error" role="alert" data-error-code={error.code}>
          {errorText(error)}
        </p>
      )}
      {done && (
        <p className="notice" role="status" data-testid="admin-done">
          {t(`admin.done.${done.action}`, { count: done.count })}
        </p>
      )}
      {view ? (
        <>
          <DevicePanel view={view} />
          <OutboxPanel view={view} />
          <QuarantinePanel view={view} />
        </>
      ) : (
        !error && <p className="muted">{t('app.loading')}</p>
      )}
      {view && view.link !== null && (
        <>
          <AccountsPanel />
          <ServerDevicesPanel />
        </>
      )}
      <FaceEnrollmentPanel />
      <FacePolicyPanel hospital={view ? view.link !== null : false} />
      {view && view.link !== null && (
        <>
          <HospitalSettingsPanel />
          <FormularyImportPanel />
          <TemplateImportPanel />
          <ReviewStatsPanel />
          <AuditPanel />
        </>
      )}
    </main>
  );
}
