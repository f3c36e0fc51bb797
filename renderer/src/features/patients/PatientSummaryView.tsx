import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ageOn } from '../../../../shared/domain/age';
import { errorText } from '../../i18n';
import { AllergiesPanel } from './AllergiesPanel';
import { AllergyBanner } from './AllergyBanner';
import { LabTrends } from './LabTrends';
import { ProblemList } from './ProblemList';
import { Timeline } from './Timeline';
import { ConflictsPanel } from './ConflictsPanel';
import { usePatients } from './patientsStore';
import { PatientPrescriptions } from '../rx/PatientPrescriptions';
import { PatientRecords } from '../emr/PatientRecords';
import { VisitRecords } from '../emr/VisitRecords';
import { AdrPanel } from '../adr/AdrPanel';
import { RxWorkspace } from '../rx/RxWorkspace';
import { useRx } from '../rx/rxStore';
import { useReadOnly, useSession } from '../auth/sessionStore';
import { PatientAccessHistory } from '../audit/PatientAccessHistory';

export function PatientSummaryView() {
  const { t } = useTranslation();
  const { selectedId, summary, summaryError } = usePatients();
  const rxPatientId = useRx((s) => s.patientId);
  const mayPrescribe = useSession((s) => s.session?.roles.includes('physician') ?? false);
  const readOnly = useReadOnly();

  if (!selectedId) return <section className="summary empty muted">{t('patients.choose')}</section>;
  if (summaryError) return <section className="summary"><p className="error" role="alert">{errorText(summaryError)}</p></section>;
  if (!summary) return <section className="summary muted">{t('app.loading')}</section>;

  if (rxPatientId === selectedId) return <RxWorkspace />;

  const { patient, allergies, diagnoses, labs } = summary;
  const active = allergies.filter((a) => a.status === 'active');
  return (
    <section className="summary" aria-label={patient.name} data-testid="patient-summary">
      <header className="summary-head">
        <h2>{patient.name}</h2>
        {patient.recordNumber && <span data-testid="record-number">{t('chart.recordNumber')} {patient.recordNumber}</span>}
        <span>{t(`patients.sex.${patient.sex}`)}</span>
        <span>{t('patients.age', { count: ageOn(patient.birthDate, new Date()) })}</span>
        <span>{patient.birthDate}</span>
        <span>{t('patients.phone')} {patient.phone}</span>
        <span>{t('patients.idNumber')} {patient.idNumberMasked}</span>
        {patient.address && <span>{t('patients.address')} {patient.address}</span>}
        <span className="tag">{t(`departments.${patient.department}`, { defaultValue: patient.department })}</span>
        {mayPrescribe && (
          <button className="new-prescription" disabled={readOnly} title={readOnly ? t('face.readOnly.why') : undefined} onClick={() => void useRx.getState().open(patient.id)}>{t('rx.newPrescription')}</button>
        )}
      </header>
      <AllergyBanner allergies={active} />
      <p className="chart-sync muted" data-testid="chart-sync" data-unsent={summary.sync.unsent}>
        {summary.sync.lastSyncedAt ? t('chart.sync.last', { at: new Date(summary.sync.lastSyncedAt).toLocaleString() }) : t('chart.sync.never')}
        {' · '}
        {summary.sync.unsent > 0 ? t('chart.sync.unsent', { count: summary.sync.unsent }) : t('chart.sync.allSent')}
      </p>

      {/* "Who opened this chart", one click away for an admin; nothing for anyone else. */}
      <PatientAccessHistory key={patient.id} patientId={patient.id} />
      <ConflictsPanel conflicts={summary.conflicts} />
      <AllergiesPanel patientId={patient.id} allergies={allergies} />
      <ProblemList patientId={patient.id} problems={diagnoses} />
      <Timeline patientId={patient.id} first={summary.encounters} next={summary.encountersNext} total={summary.encounterTotal} recordsOf={(id) => <VisitRecords encounterId={id} />} />
      <PatientRecords patientId={patient.id} />
      <PatientPrescriptions patientId={patient.id} />
      <AdrPanel patientId={patient.id} />
      <LabTrends trends={summary.trends} />

      <Panel title={t('summary.labs')} testId="labs">
        <List items={labs} empty={t('summary.empty')} render={(l) => (
          <>
            <span>{l.takenOn}</span> {t(`chart.trends.test.${l.test}`, { defaultValue: l.test })}: <strong>{l.value}</strong> {l.unit}{' '}
            {l.flag !== 'normal' && <span className={`flag ${l.flag}`}>{t(`summary.flag.${l.flag}`)}</span>}
          </>
        )} />
      </Panel>
    </section>
  );
}

function Panel({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section className="panel" data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function List<T extends { id: string }>({ items, empty, render }: { items: T[]; empty: string; render: (item: T) => ReactNode }) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return <ul>{items.map((item) => <li key={item.id}>{render(item)}</li>)}</ul>;
}
