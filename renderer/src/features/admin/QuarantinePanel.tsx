import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminDeviceView } from '../../../../shared/ipc/adminChannels';
import { useAdmin } from './adminStore';

/** The archive's passphrase floor, as the channel checks it (adminChannels.ts, ArchivePassphrase). */
const minPassphrase = 12;

/**
 * What a revoked workstation still holds for the hospital (issue 12): its unsent changes and its
 * audit chain, exported as one archive sealed with a passphrase the admin hands over separately.
 * Clearing is allowed only once an archive holds every change.
 */
export function QuarantinePanel({ view }: { view: AdminDeviceView }) {
  const { t } = useTranslation();
  const { busy, exportQuarantine, clearQuarantine } = useAdmin();
  const [passphrase, setPassphrase] = useState('');
  const stranded = view.counts.held + view.counts.quarantined;

  return (
    <section className="panel" data-testid="admin-quarantine">
      <h3>{t('adminQuarantine.title')}</h3>
      <p className="muted small">{t('adminQuarantine.explain')}</p>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void exportQuarantine(passphrase).then(() => setPassphrase(''));
        }}
      >
        <label>
          {t('adminQuarantine.passphrase')}
          <input
            type="password"
            autoComplete="new-password"
            className="quarantine-passphrase"
            value={passphrase}
            minLength={minPassphrase}
            onChange={(event) => setPassphrase(event.target.value)}
          />
        </label>
        <button type="submit" className="secondary quarantine-export" disabled={busy !== null || passphrase.length < minPassphrase}>
          {t('adminQuarantine.export')}
        </button>
        <button type="button" className="secondary quarantine-clear" onClick={() => void clearQuarantine()} disabled={busy !== null || stranded === 0}>
          {t('adminQuarantine.clear', { count: stranded })}
        </button>
      </form>
      <p className="muted small">{t('adminQuarantine.passphraseHint', { min: minPassphrase })}</p>
    </section>
  );
}
