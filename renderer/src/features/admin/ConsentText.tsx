import { useTranslation } from 'react-i18next';
import { FACE_CONSENT_VERSION } from '../../../../shared/face/consent';

/**
 * The consent text the user reads before enrollment (Measures for the Security Management of Face
 * Recognition Technology Applications, in force 2025-06-01): purpose, what is kept, where, how
 * long, how to withdraw. Its version id is what main records with the consent; a change to the
 * text needs a new FACE_CONSENT_VERSION.
 */
export function ConsentText() {
  const { t } = useTranslation();
  const lines = t('enroll.consent', { returnObjects: true }) as unknown;
  return (
    <div className="consent" data-testid="consent-text" data-consent-version={FACE_CONSENT_VERSION}>
      <strong>{t('enroll.consentTitle')}</strong>
      <ul>{Array.isArray(lines) && lines.map((line) => <li key={String(line)}>{String(line)}</li>)}</ul>
    </div>
  );
}
