import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReadOnly, useSession } from '../auth/sessionStore';
import { newestTemplates, templateOf, useEmr } from './emrStore';
import { RecordForm } from './RecordForm';
import { RecordEntry } from './RecordEntry';
import { textOf } from './text';

/**
 * "New record" and the draft being written (issue 11), placed in the chart; a draft left open (a
 * crash) is offered again. Signed records are read from their visit on the timeline (VisitRecords);
 * here only those whose visit is not in this cache (yet), by date.
 */
export function PatientRecords({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const { templates, records, drafts, draft } = useEmr();
  const mayWrite = useSession((s) => s.session?.roles.includes('physician') ?? false);
  const readOnly = useReadOnly();
  const [templateUrl, setTemplateUrl] = useState('');
  useEffect(() => void useEmr.getState().load(patientId), [patientId]);

  const current = records.filter((r) => r.amendedBy === null);
  const unlinked = current.filter((r) => r.visitDate === null);
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
      {current.length === 0 && <p className="muted">{t('emr.none')}</p>}
      {current.length > 0 && unlinked.length === 0 && <p className="muted small">{t('timeline.recordsOnVisits')}</p>}
      {unlinked.length > 0 && (
        <section className="emr-unlinked" aria-label={t('timeline.unlinked')} data-testid="emr-unlinked">
          <h4>{t('timeline.unlinked')}</h4>
          <ul className="emr-list">
            {unlinked.map((r) => <li key={r.id}><RecordEntry record={r} /></li>)}
          </ul>
        </section>
      )}
    </section>
  );
}

