import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';
import { adrReportType } from '../../../../shared/adr/report';
import { subscribe } from '../../api';
import { useReadOnly } from '../auth/sessionStore';
import { usePatientRx } from '../rx/patientRxStore';
import { AdrForm } from './AdrForm';
import { useAdr } from './adrStore';

/**
 * The patient's adverse drug reaction reports in the chart, newest first. A report is never
 * edited: a follow-up report corrects it. From a report, the user may fill the allergy form; only
 * their own click on that form's add records an allergy.
 */
export function AdrPanel({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const { reports, error, loads, form, load, open, offerAllergy } = useAdr();
  const prescriptions = usePatientRx((s) => (s.patientId === patientId ? s.prescriptions : []));
  const readOnly = useReadOnly();

  useEffect(() => {
    void load(patientId);
    // A cache of main's data: refreshed when a sync brings reports.
    return subscribe('sync:applied', ({ tables }) => {
      if (tables.includes('adr_reports')) void load(patientId);
    });
  }, [patientId, load]);

  return (
    <section className="panel" data-testid="adr-reports" data-loads={loads}>
      <h3>{t('adr.title')}</h3>
      {error && <p className="error" role="alert">{errorText(error)}</p>}
      {reports.length === 0 && <p className="muted">{t('adr.none')}</p>}
      <ul>
        {reports.map((r) => (
          <li key={r.id} data-adr-id={r.id} data-sent={r.recordedAt !== null}>
            <strong>{r.report.term ?? r.report.reaction.slice(0, 40)}</strong>
            {' — '}{r.report.drugs.filter((d) => d.role === 'suspected').map((d) => d.name).join('、')}
            {adrReportType(r.report).map((k) => <span key={k} className={k === 'general' ? 'tag' : 'tag alert'}>{t(`adr.type.${k}`)}</span>)}
            <div className="muted small">
              {t('adr.list.onset', { date: r.report.onsetOn })} · {t(`adr.severity.${r.report.severity}`)} · {t(`adr.outcome.${r.report.outcome}`)}
              {' · '}{t('adr.list.by', { name: r.reporterName, date: r.reportedOn })}
              {r.recordedAt === null && <> · {t('adr.list.unsent')}</>}
              {r.previousId && <> · {t('adr.list.followUpOf')}{r.correctionReason ? `: ${r.correctionReason}` : ''}</>}
              {r.correctedBy.length > 0 && <> · {t('adr.list.correctedBy')}</>}
            </div>
            <span className="rx-row-actions">
              <button className="link adr-to-allergy" onClick={() => offerAllergy(r)}>{t('adr.list.toAllergy')}</button>
              {!readOnly && <button className="link" onClick={() => open({ drugs: [], followUp: r })}>{t('adr.list.followUp')}</button>}
            </span>
          </li>
        ))}
      </ul>
      {form ? (
        <AdrForm key={`${form.followUp?.id ?? 'new'}:${form.drugs.map((d) => d.prescriptionId).join(',')}`} patientId={patientId} seed={form} prescriptions={prescriptions} />
      ) : (
        <button className="secondary adr-new" disabled={readOnly} title={readOnly ? t('face.readOnly.why') : undefined} onClick={() => open({ drugs: [], followUp: null })}>
          {t('adr.new')}
        </button>
      )}
    </section>
  );
}
