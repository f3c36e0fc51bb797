import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HospitalSettingsView } from '../../../../../shared/admin/hospitalSettings';
import { invoke } from '../../../api';
import { errorText } from '../../../i18n';
import { useConsoleCall } from './useConsoleCall';

const minute = 60_000;

/**
 * Hospital settings other than the face policy (which keeps its own panel, FacePolicyPanel): the
 * review lease and audit retention. Held on the server, which refuses a retention below the
 * law's floors (shared/admin/hospitalSettings.ts) and says so: the inputs carry no floor of their
 * own, so the server's reason is what the admin reads.
 */
export function HospitalSettingsPanel() {
  const { t } = useTranslation();
  const { busy, error, run } = useConsoleCall();
  const [view, setView] = useState<HospitalSettingsView | null>(null);
  const [leaseMinutes, setLeaseMinutes] = useState(10);
  const [retention, setRetention] = useState({ clinicalRecordYears: 15, processRecordYears: 3 });
  const [saved, setSaved] = useState(false);
  const show = (next: HospitalSettingsView) => {
    setView(next);
    setLeaseMinutes(next.review.value.leaseMs / minute);
    setRetention(next.audit.value);
  };
  useEffect(() => {
    void run(() => invoke('admin:settings:get', {})).then((value) => value && show(value));
  }, []);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    // One change: a retention the server refuses leaves the lease as it was too.
    const changed = await run(() =>
      invoke('admin:settings:set', { changes: [{ key: 'review', value: { leaseMs: Math.round(leaseMinutes * minute) } }, { key: 'audit', value: retention }] }),
    );
    if (changed) show(changed);
    setSaved(changed !== null);
  };

  return (
    <form className="panel" data-testid="console-settings" onSubmit={(e) => void save(e)}>
      <h3>{t('console.settings.title')}</h3>
      {error && <p className="error" role="alert" data-error-code={error.code}>{errorText(error)}</p>}
      {view && (
        <div className="face-policy">
          <label>
            {t('console.settings.leaseMinutes')}
            <input name="leaseMinutes" type="number" min="1" step="1" value={leaseMinutes} onChange={(e) => setLeaseMinutes(Number(e.target.value))} />
          </label>
          <label>
            {t('console.settings.clinicalRecordYears')}
            <input name="clinicalRecordYears" type="number" step="1" value={retention.clinicalRecordYears} onChange={(e) => setRetention({ ...retention, clinicalRecordYears: Number(e.target.value) })} />
          </label>
          <label>
            {t('console.settings.processRecordYears')}
            <input name="processRecordYears" type="number" step="1" value={retention.processRecordYears} onChange={(e) => setRetention({ ...retention, processRecordYears: Number(e.target.value) })} />
          </label>
        </div>
      )}
      <p className="muted small">{t('console.settings.explain')}</p>
      {saved && <p className="notice" role="status" data-testid="console-settings-saved">{t('console.settings.saved')}</p>}
      <div className="rx-actions">
        <button type="submit" className="settings-save" disabled={busy || !view}>{t('console.settings.save')}</button>
      </div>
    </form>
  );
}
