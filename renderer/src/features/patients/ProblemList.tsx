import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { diagnosisStatuses, type DiagnosisStatus } from '../../../../shared/sync/chartWire';
import type { PatientSummary } from '../../../../shared/domain/patient';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api';
import { errorText } from '../../i18n';
import { useReadOnly, useSession } from '../auth/sessionStore';
import { usePatients } from './patientsStore';

/**
 * The problem list: ICD-10 code and name, how it was diagnosed, by whom, and its status. A change
 * of status asks why and is kept with its author; nothing is ever deleted (DESIGN.md, offline rules).
 */
export function ProblemList({ patientId, problems }: { patientId: string; problems: PatientSummary['diagnoses'] }) {
  const { t } = useTranslation();
  const mayChange = useSession((s) => s.session?.roles.includes('physician') ?? false) && !useReadOnly();
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<DiagnosisStatus>('resolved');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppError | null>(null);

  const submit = async (event: FormEvent, diagnosisId: string) => {
    event.preventDefault();
    const result = await invoke('diagnoses:setStatus', { diagnosisId, status, reason });
    setError(result.ok ? null : result.error);
    if (result.ok) {
      setEditing(null);
      setReason('');
      void usePatients.getState().select(patientId);
    }
  };

  return (
    <section className="panel" data-testid="diagnoses">
      <h3>{t('chart.problems.title')}</h3>
      {problems.length === 0 && <p className="muted">{t('summary.empty')}</p>}
      <ul>
        {problems.map((d) => (
          <li key={d.id} className={d.status === 'active' ? 'problem' : 'problem closed'} data-diagnosis-id={d.id} data-status={d.status}>
            <code>{d.icd10}</code> {d.label}
            <span className={d.status === 'active' ? 'tag status' : 'tag warn status'}>{t(`chart.problems.status.${d.status}`)}</span>
            <div className="muted small">
              {d.diagnosedOn} · {d.setting === 'in-person' ? t('summary.inPerson') : t('summary.online')}
              {d.authorName && <> · {d.authorName}</>}
              {d.statusReason && <> · {t('chart.problems.changed', { who: d.statusChangedBy ?? '', reason: d.statusReason })}</>}
            </div>
            {mayChange && editing !== d.id && (
              <button className="link" onClick={() => { setEditing(d.id); setStatus(d.status === 'active' ? 'resolved' : 'active'); }}>
                {t('chart.problems.change')}
              </button>
            )}
            {editing === d.id && (
              <form className="inline-form" onSubmit={(e) => void submit(e, d.id)}>
                <select aria-label={t('chart.problems.newStatus')} value={status} onChange={(e) => setStatus(e.target.value as DiagnosisStatus)}>
                  {diagnosisStatuses.filter((s) => s !== d.status).map((s) => <option key={s} value={s}>{t(`chart.problems.status.${s}`)}</option>)}
                </select>
                <input aria-label={t('chart.problems.reason')} placeholder={t('chart.problems.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
                <button type="submit" disabled={!reason.trim()}>{t('chart.problems.save')}</button>
                <button type="button" className="secondary" onClick={() => setEditing(null)}>{t('allergies.cancel')}</button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {error && <p className="error" role="alert">{errorText(error)}</p>}
    </section>
  );
}
