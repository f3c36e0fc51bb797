import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmrRecordView } from '../../../../shared/ipc/emrChannels';
import type { AppError } from '../../../../shared/result';
import { errorText } from '../../i18n';
import { useReadOnly, useSession } from '../auth/sessionStore';
import { PrintButton } from '../print/PrintButton';
import { templateOf, useEmr } from './emrStore';
import { RecordReading } from './RecordReading';
import { textOf } from './text';

/** The older versions a record amends, newest first. */
function historyOf(record: EmrRecordView, all: EmrRecordView[]): EmrRecordView[] {
  const out: EmrRecordView[] = [];
  for (let at = all.find((r) => r.id === record.previousId); at; at = all.find((r) => r.id === at.previousId)) out.push(at);
  return out;
}

/**
 * One signed record (its newest version): a line that opens it in full, with the versions it
 * amends, print, and amend with a reason.
 */
export function RecordEntry({ record }: { record: EmrRecordView }) {
  const { t } = useTranslation();
  const template = useEmr((s) => templateOf(s.templates, record.templateUrl, record.templateVersion));
  const records = useEmr((s) => s.records);
  const drafting = useEmr((s) => s.draft !== null);
  const mayWrite = useSession((s) => s.session?.roles.includes('physician') ?? false);
  const readOnly = useReadOnly();
  const mayAmend = mayWrite && !readOnly && !drafting;
  const history = historyOf(record, records);
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
