import { useTranslation } from 'react-i18next';
import { useSession } from './sessionStore';

/** Password without a face check opens a read-only session only, and says so before it opens (issue 9). */
export function ReadOnlyOffer() {
  const { t } = useTranslation();
  const openReadOnly = useSession((s) => s.openReadOnly);
  return (
    <div className="read-only-offer" data-testid="read-only-offer">
      <p className="muted">{t('face.readOnlyOffer')}</p>
      <button type="button" className="open-read-only" onClick={() => void openReadOnly()}>{t('face.openReadOnly')}</button>
    </div>
  );
}
