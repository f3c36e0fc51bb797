import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';
import { LanguageSwitch } from '../prefs/LanguageSwitch';
import { useSession } from './sessionStore';

export function SignIn() {
  const { t } = useTranslation();
  const { status, error, signIn } = useSession();
  const [account, setAccount] = useState('');
  const [password, setPassword] = useState('');
  const busy = status === 'signing-in';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void signIn(account, password);
  };

  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <div className="sign-in-head">
          <h1 id="sign-in-title">{t('app.name')}</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{t('signIn.subtitle')}</p>
        <label>
          {t('signIn.account')}
          <input name="account" autoComplete="username" value={account} onChange={(e) => setAccount(e.target.value)} autoFocus />
        </label>
        <label>
          {t('signIn.password')}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && (
          <p className="error" role="alert" data-error-code={error.code}>
            {errorText(error)}
          </p>
        )}
        <button type="submit" disabled={busy || !account || !password}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
