import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';
import { FaceStep } from '../face/FaceStep';
import { LanguageSwitch } from '../prefs/LanguageSwitch';
import { PasswordChange } from './PasswordChange';
import { ReadOnlyOffer } from './ReadOnlyOffer';
import { useSession } from './sessionStore';

/** Account and password, then the face step (issue 9); without a template or a camera, the read-only offer. */
export function SignIn() {
  const { t } = useTranslation();
  const { status, error, pendingAccount, signIn, verified, signOut } = useSession();
  const [account, setAccount] = useState('');
  const [password, setPassword] = useState('');
  const busy = status === 'signing-in';
  const faceRequest = useMemo(() => ({ purpose: 'sign-in' as const, ...(pendingAccount ? { account: pendingAccount } : {}) }), [pendingAccount]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPassword('');
    void signIn(account, password);
  };

  const head = (
    <div className="sign-in-head">
      <h1 id="sign-in-title">{t('app.name')}</h1>
      <LanguageSwitch />
    </div>
  );
  if (status === 'password-change' && pendingAccount) {
    return (
      <main className="sign-in">
        <div className="card sign-in-card" aria-labelledby="sign-in-title">
          {head}
          <PasswordChange account={pendingAccount} />
        </div>
      </main>
    );
  }
  if (status === 'face' || status === 'no-template') {
    return (
      <main className="sign-in">
        <div className="card sign-in-card" aria-labelledby="sign-in-title">
          {head}
          <p className="muted">{pendingAccount}</p>
          {status === 'face' ? (
            <FaceStep request={faceRequest} onAccepted={(outcome) => outcome.session && verified(outcome.session)} onCancel={() => void signOut()} withoutCamera={<ReadOnlyOffer />} />
          ) : (
            <>
              <p className="error" role="alert" data-error-code="FACE_NOT_ENROLLED">{t('errors.FACE_NOT_ENROLLED')}</p>
              <ReadOnlyOffer />
              <button type="button" className="secondary" onClick={() => void signOut()}>{t('face.cancel')}</button>
            </>
          )}
        </div>
      </main>
    );
  }

  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        {head}
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
