import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api';
import { errorText } from '../../i18n';
import { FaceStep } from './FaceStep';

const stepUp = { purpose: 'step-up' } as const;

/** What a sign request carries as its verification: none (a fresh one is enough), the password, or a face check. */
export type SignProof = { password: string } | { faceAttemptId: string } | Record<string, never>;

/**
 * The proof of presence at signing (issue 9), for every signed act (a prescription, an outpatient
 * record): a face check, at once when the act needs one at the moment (`faceNow`), otherwise when
 * main says the last one is too old (STEP_UP_REQUIRED). The password re-prompt only where the
 * hospital's policy allows password-only signing (off by default). `sign` resolves to the error
 * main answered, or null.
 */
export function SigningVerification({ blocked, faceNow, sign, onCancel, confirmLabel, cancelLabel }: {
  blocked: boolean;
  faceNow: boolean;
  sign: (proof: SignProof) => Promise<AppError | null>;
  onCancel: () => void;
  confirmLabel: string;
  cancelLabel: string;
}) {
  const { t } = useTranslation();
  const [passwordOnly, setPasswordOnly] = useState<boolean | null>(null);
  const [password, setPassword] = useState('');
  const [faceCheck, setFaceCheck] = useState(false);
  const [signError, setSignError] = useState<AppError | null>(null);
  useEffect(() => {
    void invoke('face:status', {}).then((status) => setPasswordOnly(status.ok && status.value.passwordOnlySigning));
  }, []);
  const run = async (proof: SignProof) => {
    const error = await sign(proof);
    setSignError(error);
    return error;
  };
  const error = signError && signError.code !== 'STEP_UP_REQUIRED' && (
    <p className="error" role="alert" data-error-code={signError.code}>{errorText(signError)}</p>
  );

  if (passwordOnly) {
    const submit = (e: FormEvent) => {
      e.preventDefault();
      void run({ password }).then(() => setPassword(''));
    };
    return (
      <form onSubmit={submit}>
        <label>
          {t('rx.stepUpPassword')}
          <input name="step-up-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error}
        <div className="rx-actions">
          <button type="submit" disabled={blocked || !password}>{confirmLabel}</button>
          <button type="button" className="secondary" onClick={onCancel}>{cancelLabel}</button>
        </div>
      </form>
    );
  }

  const confirm = async () => {
    if (faceNow) return setFaceCheck(true);
    if ((await run({}))?.code === 'STEP_UP_REQUIRED') setFaceCheck(true);
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
              void run({ faceAttemptId: outcome.attemptId });
            }}
            onCancel={() => setFaceCheck(false)}
          />
        </>
      ) : (
        <div className="rx-actions">
          <button type="button" className="rx-confirm-sign" disabled={blocked || passwordOnly === null} onClick={() => void confirm()}>{confirmLabel}</button>
          <button type="button" className="secondary" onClick={onCancel}>{cancelLabel}</button>
        </div>
      )}
      {error}
    </div>
  );
}
