import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../../shared/domain/patient';

/** Edits that crossed while offline: both values are shown until a person settles them. */
export function ConflictsPanel({ conflicts }: { conflicts: PatientSummary['conflicts'] }) {
  const { t } = useTranslation();
  if (conflicts.length === 0) return null;
  return (
    <section className="panel alert" data-testid="conflicts">
      <h3>{t('conflicts.title')}</h3>
      <ul>
        {conflicts.map((c) => (
          <li key={c.id}>
            <strong>{t(`conflicts.field.${c.field ?? 'other'}`, { defaultValue: c.field ?? '' })}</strong>:{' '}
            {t('conflicts.kept', { value: c.serverValue ?? '' })} · {t('conflicts.other', { value: c.clientValue ?? '' })}
          </li>
        ))}
      </ul>
      <p className="muted small">{t('conflicts.explain')}</p>
    </section>
  );
}
