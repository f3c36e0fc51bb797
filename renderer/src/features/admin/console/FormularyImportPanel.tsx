import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormularyImportSummary } from '../../../../../shared/ipc/adminConsoleChannels';
import { invoke } from '../../../api';
import { errorText } from '../../../i18n';
import { useConsoleCall } from './useConsoleCall';

/**
 * The hospital formulary, imported from a file picked here (issue 12). Main checks it is JSON, the
 * server validates it against the shipped knowledge; a bad file is refused with the reason and
 * changes nothing. Every workstation receives the result through sync.
 */
export function FormularyImportPanel() {
  const { t } = useTranslation();
  const { busy, error, run } = useConsoleCall();
  const [summary, setSummary] = useState<FormularyImportSummary | null>(null);
  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setSummary(null);
    const content = await file.text();
    setSummary(await run(() => invoke('admin:formulary:import', { fileName: file.name, content })));
  };

  return (
    <section className="panel" data-testid="console-formulary">
      <h3>{t('console.formulary.title')}</h3>
      <label>
        {t('console.formulary.pick')}
        <input name="formularyFile" type="file" accept=".json,application/json" disabled={busy} onChange={(e) => void pick(e)} />
      </label>
      <p className="muted small">{t('console.formulary.explain')}</p>
      {error && <p className="error" role="alert" data-error-code={error.code}>{errorText(error)}</p>}
      {summary && (
        <p className="notice" role="status" data-testid="console-formulary-done">
          {t('console.formulary.done', { changed: summary.changed.length, unchanged: summary.unchanged, listed: summary.listed, withdrawn: summary.withdrawn })}
        </p>
      )}
    </section>
  );
}
