import { useTranslation } from 'react-i18next';
import type { AnswerValue } from '../../../../shared/emr/answers';
import { icd10System } from '../../../../shared/emr/codeSearch';
import type { FieldDef, Template } from '../../../../shared/emr/template';
import type { EmrRecordView } from '../../../../shared/ipc/emrChannels';
import { textOf } from './text';

/** A signed record in full, in the template's order and the hospital's layout; what prints. */
export function RecordReading({ record, template }: { record: EmrRecordView; template: Template | undefined }) {
  const { t } = useTranslation();
  const shown = (f: FieldDef, v: AnswerValue): string => {
    if (typeof v === 'boolean') return t(v ? 'emr.yes' : 'emr.no');
    const option = f.options.find((o) => o.code === v);
    if (option) return option.system === icd10System ? `${option.code} ${textOf(option.display)}` : textOf(option.display);
    return f.unit ? `${v} ${f.unit.display}` : String(v);
  };
  const fields = template?.fields.filter((f) => f.type !== 'group' && record.answers[f.linkId]) ?? [];
  return (
    <article className="emr-reading" data-testid="emr-reading" data-record-id={record.id}>
      <h4>{template ? textOf(template.title) : record.templateUrl} · {t('emr.version', { n: record.version })}</h4>
      {record.reason && <p className="small">{t('emr.amendReason')}: {record.reason}</p>}
      <dl>
        {fields.map((f) => (
          <div key={f.linkId} className="emr-line" data-link-id={f.linkId}>
            <dt>{textOf(f.text)}</dt>
            <dd>{record.answers[f.linkId]!.map((v) => shown(f, v)).join('、')}</dd>
          </div>
        ))}
      </dl>
      <p className="small emr-signature">
        {t('emr.signedBy', { name: record.authorName, at: new Date(record.signedAt).toLocaleString() })}
        {record.authorLicenceNo && ` · ${t('emr.licence')} ${record.authorLicenceNo}`}
        {' · '}{record.signature.verified ? t('emr.signatureVerified') : t('emr.signatureNotVerified')}
        {' · SM3 '}<code>{record.digest.slice(0, 16)}…</code>
      </p>
    </article>
  );
}
