import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../shared/ipc';
import { FaceStep } from '../face/FaceStep';
import { LanguageSwitch } from '../prefs/LanguageSwitch';
import { useSession } from './sessionStore';

const unlock = { purpose: 'unlock' } as const;

/**
 * The idle lock (issue 9): the session and its server token stay, nothing of it is on screen, and
 * only a face check by the same user unlocks it (main refuses anyone else). Another person at the
 * workstation signs in as themselves instead, which ends the locked session.
 */
export function LockScreen({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const { verified, signOut } = useSession();
  return (
    <main className="sign-in lock-screen" data-testid="lock-screen">
      <div className="card sign-in-card">
        <div className="sign-in-head">
          <h1>{t('face.lock.title')}</h1>
          <LanguageSwitch />
        </div>
        <p>{t('face.lock.explain', { name: session.displayName })}</p>
        {session.mode === 'read-only' ? (
          <p className="muted">{t('face.readOnly.why')}</p>
        ) : (
          <FaceStep request={unlock} onAccepted={(outcome) => outcome.session && verified(outcome.session)} />
        )}
        <button type="button" className="secondary other-user" onClick={() => void signOut()}>{t('face.lock.otherUser')}</button>
      </div>
    </main>
  );
}
