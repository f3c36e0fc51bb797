import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmrRecordView } from '../../../../shared/ipc/emrChannels';
import type { AppError } from '../../../../shared/result';
import { errorText } from '../../i18n';
import { useReadOnly, useSession } from '../auth/sessionStore';
import { newestTemplates, templateOf, useEmr } from './emrStore';
import { PrintButton } from '../print/PrintButton';
import { RecordForm } from './RecordForm';
import { RecordReading } from './RecordReading';
import { textOf } from './text';

/**
 * The patient's signed outpatient records (newest version of each, with its history) and
 * "new record" (issue 11). Placed in the chart; a draft left open (a crash) is offered again.
 */
export function PatientRecords({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const { templates, records, drafts, draft } = useEmr();
  const mayWrite = useSession((s) => s.session?.roles.includes('physician') ?? false);
  const readOnly = useReadOnly();
  const [templateUrl, setTemplateUrl] = useState('');
  useEffect(() => void useEmr.getState().load(patientId), [patientId]);

  const current = records.filter((r) => r.amendedBy === null);
  const draftTemplate = draft && templateOf(templates, draft.templateUrl, draft.templateVersion);
  return (
    <section className="panel emr-records" data-testid="emr-records">
      <h3>{t('emr.title')}</h3>
      {draftTemplate ? (
        <RecordForm template={draftTemplate} />
      ) : (
        mayWrite && (
          <div className="emr-new">
            <label>
              {t('emr.template')}
              <select name="emr-template" value={templateUrl} onChange={(e) => setTemplateUrl(e.target.value)}>
                <option value="">—</option>
                {newestTemplates(templates).map((x) => <option key={x.url} value={x.url}>{textOf(x.title)}</option>)}
              </select>
            </label>
            <button type="button" className="emr-new-record" disabled={readOnly || !templateUrl} onClick={() => void useEmr.getState().start(templateUrl)}>{t('emr.newRecord')}</button>
            {drafts.map((d) => (
              <button key={d.id} type="button" className="secondary emr-resume" disabled={readOnly} onClick={() => useEmr.getState().resume(d)}>
                {t('emr.resume', { title: textOf(templateOf(templates, d.templateUrl, d.templateVersion)?.title ?? { zh: d.templateUrl, en: d.templateUrl }) })}
              </button>
            ))}
          </div>
        )
      )}
      {current.length === 0 ? <p className="muted">{t('emr.none')}</p> : (
        <ul className="emr-list">
          {current.map((r) => <li key={r.id}><RecordEntry record={r} history={historyOf(r, records)} mayAmend={mayWrite && !readOnly && !draft} /></li>)}
        </ul>
      )}
    </section>
  );
}

/** The older versions a record amends, newest first. */
function historyOf(record: EmrRecordView, all: EmrRecordView[]): EmrRecordView[] {
  const out: EmrRecordView[] = [];
  for (let at = all.find((r) => r.id === record.previousId); at; at = all.find((r) => r.id === at.previousId)) out.push(at);
  return out;
}

function RecordEntry({ record, history, mayAmend }: { record: EmrRecordView; history: EmrRecordView[]; mayAmend: boolean }) {
  const { t } = useTranslation();
  const template = useEmr((s) => templateOf(s.templates, record.templateUrl, record.templateVersion));
  const [open, setOpen] = useState(false);
  const [amending, setAmending] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void useEmr.getState().amend(record.id, reason).then(setError);
  };
  return (
    <div className="emr-entry" data-testid="emr-entry" data-record-id={record.id}>
      <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {record.signedAt.slice(0, 10)} · {template ? textOf(template.title) : record.templateUrl} · {t('emr.version', { n: record.version })}
        {' · '}{record.uploaded ? t('emr.uploaded') : t('emr.notUploaded')}
      </button>
      {open && (
        <div className="emr-entry-body">
          <RecordReading record={record} template={template} />
          {history.length > 0 && (
            <details className="emr-history">
              <summary>{t('emr.history', { count: history.length })}</summary>
              {history.map((h) => <RecordReading key={h.id} record={h} template={template} />)}
            </details>
          )}
          <div className="rx-actions no-print">
            <PrintButton kind="record" id={record.id} label={t('emrPrint.open')} />
            {mayAmend && !amending && <button type="button" className="secondary emr-amend" onClick={() => setAmending(true)}>{t('emr.amend')}</button>}
          </div>
          {amending && (
            <form className="no-print" onSubmit={submit}>
              <label>
                {t('emr.amendReason')}
                <input name="emr-amend-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
              </label>
              <button type="submit" disabled={!reason.trim()}>{t('emr.startAmend')}</button>
              {error && <p className="error" role="alert">{errorText(error)}</p>}
            </form>
          )}
        </div>
      )}
    </div>
  );
}
