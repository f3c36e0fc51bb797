import { useTranslation } from 'react-i18next';

/**
 * The roaming consent text: a second, separate consent (Measures for the Security Management of
 * Face Recognition Technology Applications, art. 10), shown at enrollment and in "my face
 * template". Its version id is what main records; a change to the text needs a new
 * FACE_ROAMING_CONSENT_VERSION (shared/face/consent.ts).
 */
export function RoamingConsentText({ version }: { version: string }) {
  const { t } = useTranslation();
  const lines = t('faceRoaming.consent', { returnObjects: true }) as unknown;
  return (
    <div className="consent" data-testid="roaming-consent-text" data-consent-version={version}>
      <strong>{t('faceRoaming.consentTitle')}</strong>
      <ul>{Array.isArray(lines) && lines.map((line) => <li key={String(line)}>{String(line)}</li>)}</ul>
    </div>
  );
}
