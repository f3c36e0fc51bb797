import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { errorText } from '../../i18n';
import { FaceStep } from '../face/FaceStep';
import { useRx } from './rxStore';

const stepUp = { purpose: 'step-up' } as const;

/**
 * The proof of presence at signing (issue 9): a face check, at once for a high-alert prescription,
 * otherwise when main says the last one is too old (STEP_UP_REQUIRED). The password re-prompt
 * only where the hospital's policy allows password-only signing (off by default).
 */
export function SignProofStep() {
  const { t } = useTranslation();
  const { preview, signError, signing, sign, cancelSign } = useRx();
  const [passwordOnly, setPasswordOnly] = useState<boolean | null>(null);
  const [password, setPassword] = useState('');
  const [faceCheck, setFaceCheck] = useState(false);
  useEffect(() => {
    void invoke('face:status', {}).then((status) => setPasswordOnly(status.ok && status.value.passwordOnlySigning));
  }, []);
  const blocked = !preview || signing || preview.problems.length > 0;
  const error = signError && signError.code !== 'STEP_UP_REQUIRED' && (
    <p className="error" role="alert" data-error-code={signError.code}>{errorText(signError)}</p>
  );

  if (passwordOnly) {
    const submit = (e: FormEvent) => {
      e.preventDefault();
      void sign({ password }).then(() => setPassword(''));
    };
    return (
      <form onSubmit={submit}>
        <label>
          {t('rx.stepUpPassword')}
          <input name="step-up-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error}
        <div className="rx-actions">
          <button type="submit" disabled={blocked || !password}>{t('rx.confirmSign')}</button>
          <button type="button" className="secondary" onClick={cancelSign}>{t('rx.cancel')}</button>
        </div>
      </form>
    );
  }

  const confirm = async () => {
    if (preview?.highAlert) return setFaceCheck(true);
    await sign({});
    if (useRx.getState().signError?.code === 'STEP_UP_REQUIRED') setFaceCheck(true);
  };
  return (
    <div className="rx-sign-proof">
      {faceCheck ? (
        <>
          <p className="muted">{t('face.stepUp.explain')}</p>
          <FaceStep
            request={stepUp}
            onAccepted={(outcome) => {
              setFaceCheck(false);
              void sign({ faceAttemptId: outcome.attemptId });
            }}
            onCancel={() => setFaceCheck(false)}
          />
        </>
      ) : (
        <div className="rx-actions">
          <button type="button" className="rx-confirm-sign" disabled={blocked || passwordOnly === null} onClick={() => void confirm()}>{t('rx.confirmSign')}</button>
          <button type="button" className="secondary" onClick={cancelSign}>{t('rx.cancel')}</button>
        </div>
      )}
      {error}
    </div>
  );
}
