import { useTranslation } from 'react-i18next';
import type { ReviewPatientContext } from '../../../../shared/ipc/reviewChannels';
import { AllergyBanner } from '../patients/AllergyBanner';

/** Labs a reviewer checks doses against first: kidney function and potassium. */
const keyLabs = /egfr|potassium|^k$|肾小球|血钾/i;

/** Who the prescription is for: allergies first and prominent, then what the doses must fit. */
export function PatientContextPanel({ patient }: { patient: ReviewPatientContext | null }) {
  const { t } = useTranslation();
  if (!patient) return <section className="panel muted" data-testid="review-patient">{t('review.patient.notCached')}</section>;
  return (
    <section className="panel review-patient" data-testid="review-patient" aria-label={t('review.patient.title')}>
      <h3>{t('review.patient.title')}</h3>
      <p>
        {t(`patients.sex.${patient.sex}`)} · {t('patients.age', { count: patient.ageYears })}
        {patient.weightKg !== null && <> · {t('rx.weightKg', { value: patient.weightKg })}</>}
      </p>
      <AllergyBanner allergies={patient.allergies.map((allergen) => ({ allergen }))} testId="review-allergies" />
      <dl className="facts">
        <dt>{t('summary.diagnoses')}</dt>
        <dd>{patient.diagnoses.length ? patient.diagnoses.map((d) => `${d.code} ${d.label}`).join('；') : t('rx.none')}</dd>
        <dt>{t('rx.activeMeds')}</dt>
        <dd>{patient.activeMedications.length ? patient.activeMedications.map((m) => `${m.drug} (${m.issuedOn}, ${t('rx.daysCount', { count: m.days })})`).join('；') : t('rx.none')}</dd>
        <dt>{t('summary.labs')}</dt>
        <dd data-testid="review-labs">
          {patient.labs.length === 0
            ? t('rx.none')
            : patient.labs.map((l) => (
                <span key={`${l.code}-${l.takenOn}`} className={keyLabs.test(l.code) || keyLabs.test(l.label) ? 'review-lab key' : 'review-lab'}>
                  {l.label} <strong>{l.value}</strong> {l.unit} <span className="muted small">{l.takenOn}</span>
                </span>
              ))}
        </dd>
      </dl>
    </section>
  );
}
