import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateImportSummary } from '../../../../../shared/emr/templateImport';
import { invoke } from '../../../api';
import { errorText } from '../../../i18n';
import { useConsoleCall } from './useConsoleCall';

/**
 * A record template imported from a file picked here (issue 11), beside the formulary import. The
 * server compiles it with the templates it holds; a bad file is refused with the reason
 * (TEMPLATE_INVALID) and changes nothing. Every workstation receives new versions through sync.
 */
export function TemplateImportPanel() {
  const { t } = useTranslation();
  const { busy, error, run } = useConsoleCall();
  const [summary, setSummary] = useState<TemplateImportSummary | null>(null);
  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setSummary(null);
    const content = await file.text();
    setSummary(await run(() => invoke('admin:templates:import', { fileName: file.name, content })));
  };

  return (
    <section className="panel" data-testid="console-templates">
      <h3>{t('emrTemplates.title')}</h3>
      <label>
        {t('emrTemplates.pick')}
        <input name="templateFile" type="file" accept=".json,application/json" disabled={busy} onChange={(e) => void pick(e)} />
      </label>
      <p className="muted small">{t('emrTemplates.explain')}</p>
      {error && <p className="error" role="alert" data-error-code={error.code}>{errorText(error)}</p>}
      {summary && (
        <p className="notice" role="status" data-testid="console-templates-done">
          {t('emrTemplates.done', { imported: summary.imported.length, unchanged: summary.unchanged })}
        </p>
      )}
    </section>
  );
}
