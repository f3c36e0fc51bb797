import { useTranslation } from 'react-i18next';
import type { FormularyImportSummary } from '../../../../../shared/ipc/adminConsoleChannels';
import { invoke } from '../../../api';
import { JsonImportPanel } from './JsonImportPanel';

/**
 * The hospital formulary, imported from a file picked here (issue 12). Main checks it is JSON, the
 * server validates it against the shipped knowledge; a bad file is refused with the reason and
 * changes nothing. Every workstation receives the result through sync.
 */
export function FormularyImportPanel() {
  const { t } = useTranslation();
  return (
    <JsonImportPanel<FormularyImportSummary>
      testId="console-formulary"
      inputName="formularyFile"
      title={t('console.formulary.title')}
      pickLabel={t('console.formulary.pick')}
      explain={t('console.formulary.explain')}
      importFile={(fileName, content) => invoke('admin:formulary:import', { fileName, content })}
      doneText={(s) => t('console.formulary.done', { changed: s.changed.length, unchanged: s.unchanged, listed: s.listed, withdrawn: s.withdrawn })}
    />
  );
}
