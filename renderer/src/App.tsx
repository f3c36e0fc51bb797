import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { SignIn } from './features/auth/SignIn';
import { useSession } from './features/auth/sessionStore';
import { Workspace } from './Workspace';

export function App() {
  const { t } = useTranslation();
  const { status, load } = useSession();
  useEffect(() => {
    void load();
  }, [load]);
  if (status === 'loading') return <p className="muted center">{t('app.loading')}</p>;
  return status === 'signed-in' ? <Workspace /> : <SignIn />;
}
