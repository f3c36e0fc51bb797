import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';
import { useSession } from './sessionStore';

/** The server's floor for a password (shared/sync/passwordChange.ts), checked here too so the form says so first. */
const minLength = 10;

/**
 * An admin set this account's password (a new account, a reset): the user chooses their own
 * before any session opens (issue 12). The current one is typed again rather than kept from the
 * sign-in form, so no password waits in the renderer's memory.
 */
export function PasswordChange({ account }: { account: string }) {
  const { t } = useTranslation();
  const { error, changePassword, signOut } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const problem =
    next.length > 0 && next.length < minLength ? t('passwordChange.tooShort', { min: minLength })
    : next.length > 0 && next === current ? t('passwordChange.same')
    : repeat.length > 0 && repeat !== next ? t('passwordChange.mismatch')
    : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    void changePassword(current, next).finally(() => {
      setBusy(false);
      setCurrent('');
      setNext('');
      setRepeat('');
    });
  };

  return (
    <form className="password-change" onSubmit={submit} data-testid="password-change">
      <h2>{t('passwordChange.title')}</h2>
      <p className="muted">{t('passwordChange.explain', { account })}</p>
      <label>
        {t('passwordChange.current')}
        <input name="current-password" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} autoFocus />
      </label>
      <label>
        {t('passwordChange.next')}
        <input name="new-password" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
      </label>
      <label>
        {t('passwordChange.repeat')}
        <input name="repeat-password" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
      </label>
      {problem && <p className="error" role="alert" data-testid="password-change-problem">{problem}</p>}
      {error && (
        <p className="error" role="alert" data-error-code={error.code}>
          {errorText(error)}
        </p>
      )}
      <button type="submit" disabled={busy || problem !== null || !current || next.length < minLength || repeat !== next}>
        {t('passwordChange.submit')}
      </button>
      <button type="button" className="secondary" onClick={() => void signOut()}>
        {t('passwordChange.cancel')}
      </button>
    </form>
  );
}
