import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LockScreen } from './features/auth/LockScreen';
import { SignIn } from './features/auth/SignIn';
import { useSession } from './features/auth/sessionStore';
import { Workspace } from './Workspace';

export function App() {
  const { t } = useTranslation();
  const { status, session, load } = useSession();
  useEffect(() => {
    void load();
  }, [load]);
  if (status === 'loading') return <p className="muted center">{t('app.loading')}</p>;
  if (status !== 'signed-in' || !session) return <SignIn />;
  // Locked: the workspace is not rendered at all, so no patient data stays on screen behind the lock.
  return session.locked ? <LockScreen session={session} /> : <Workspace />;
}
