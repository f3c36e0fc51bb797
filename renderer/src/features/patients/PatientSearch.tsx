import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';
import { ageOn } from '../../../../shared/domain/age';
import { usePatients } from './patientsStore';

export function PatientSearch() {
  const { t } = useTranslation();
  const { query, results, more, searchError, selectedId, search, select } = usePatients();

  useEffect(() => {
    void search('');
  }, [search]);

  return (
    <section className="patient-search" aria-label={t('patients.search')}>
      <input
        type="search"
        aria-label={t('patients.search')}
        placeholder={t('patients.searchPlaceholder')}
        value={query}
        onChange={(event) => void search(event.target.value)}
      />
      {searchError && <p className="error" role="alert">{errorText(searchError)}</p>}
      {!searchError && results.length === 0 && <p className="muted">{t('patients.none')}</p>}
      <ul className="patient-list">
        {results.map((patient) => (
          <li key={patient.id}>
            <button
              className={patient.id === selectedId ? 'patient-row selected' : 'patient-row'}
              onClick={() => void select(patient.id)}
              data-patient-id={patient.id}
            >
              <span className="patient-name">{patient.name}</span>
              <span className="muted">
                {t(`patients.sex.${patient.sex}`)} · {t('patients.age', { count: ageOn(patient.birthDate, new Date()) })}
              </span>
              <span className="muted small">{patient.namePinyin}</span>
            </button>
          </li>
        ))}
      </ul>
      {more && <p className="muted small">{t('patients.more', { count: results.length })}</p>}
    </section>
  );
}
