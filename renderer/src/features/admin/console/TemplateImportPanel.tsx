import { useTranslation } from 'react-i18next';
import type { TemplateImportSummary } from '../../../../../shared/emr/templateImport';
import { invoke } from '../../../api';
import { JsonImportPanel } from './JsonImportPanel';

/**
 * A record template imported from a file picked here (issue 11), beside the formulary import. The
 * server compiles it with the templates it holds; a bad file is refused with the reason
 * (TEMPLATE_INVALID) and changes nothing. Every workstation receives new versions through sync.
 */
export function TemplateImportPanel() {
  const { t } = useTranslation();
  return (
    <JsonImportPanel<TemplateImportSummary>
      testId="console-templates"
      inputName="templateFile"
      title={t('emrTemplates.title')}
      pickLabel={t('emrTemplates.pick')}
      explain={t('emrTemplates.explain')}
      importFile={(fileName, content) => invoke('admin:templates:import', { fileName, content })}
      doneText={(s) => t('emrTemplates.done', { imported: s.imported.length, unchanged: s.unchanged })}
    />
  );
}
