import { useTranslation } from 'react-i18next';

/**
 * The patient's active allergies, prominent wherever the patient is shown: the chart, prescribing
 * and review (issue 11). "None recorded" is said too, so an empty banner is never mistaken for one
 * that failed to load.
 */
export function AllergyBanner({ allergies, testId = 'allergy-banner' }: { allergies: readonly { allergen: string; reaction?: string }[]; testId?: string }) {
  const { t } = useTranslation();
  if (allergies.length === 0) {
    return <p className="allergy-banner none" data-testid={testId}>{t('chart.allergyBanner.none')}</p>;
  }
  return (
    <p className="allergy-banner alert" role="note" data-testid={testId} aria-label={t('chart.allergyBanner.label')}>
      <strong>{t('chart.allergyBanner.title')}</strong>{' '}
      {allergies.map((a) => (a.reaction ? t('chart.allergyBanner.item', { allergen: a.allergen, reaction: a.reaction }) : a.allergen)).join('、')}
    </p>
  );
}
