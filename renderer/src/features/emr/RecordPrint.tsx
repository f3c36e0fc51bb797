import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../shared/ipc';
import { PrintSheet } from '../print/PrintSheet';
import { templateOf, useEmr } from './emrStore';
import { RecordReading } from './RecordReading';

/** A signed outpatient record as it prints or saves as PDF (issue 11), in the template's order with its signature line. */
export function RecordPrint({ doc }: { doc: ResponseOf<'emr:record:print'> }) {
  const { t } = useTranslation();
  const template = useEmr((s) => templateOf(s.templates, doc.record.templateUrl, doc.record.templateVersion));
  return (
    <PrintSheet kind="record" hospital={doc.hospital} title={t('emrPrint.title')} patient={doc.patient} printedAt={doc.printedAt}>
      <RecordReading record={doc.record} template={template} />
    </PrintSheet>
  );
}
