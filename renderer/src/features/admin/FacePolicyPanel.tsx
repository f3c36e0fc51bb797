import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacePolicy } from '../../../../shared/ipc/faceChannels';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api';
import { errorText } from '../../i18n';

const minute = 60_000;
const minuteFields = [
  ['idleLockMs', 'idleMinutes'],
  ['freshVerificationMs', 'reverifyMinutes'],
  ['lockoutMs', 'lockoutMinutes'],
] as const;

/**
 * The site's face verification policy (issue 9, "Settings (admin)"): threshold, liveness policy,
 * idle time, re-verification window, lockout. Main validates every field (FacePolicy, e.g. no
 * threshold below the measured one) and audits each change; its refusal is shown as it comes.
 */
/** `hospital`: a server is configured, so the policy saved is the hospital's, for every workstation (issue 12). */
export function FacePolicyPanel({ hospital }: { hospital: boolean }) {
  const { t } = useTranslation();
  const [policy, setPolicy] = useState<FacePolicy | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void invoke('face:policy:get', {}).then((result) => (result.ok ? setPolicy(result.value) : setError(result.error)));
  }, []);
  if (!policy) return error ? <p className="error" role="alert">{errorText(error)}</p> : null;
  const change = (next: Partial<FacePolicy>) => {
    setSaved(false);
    setPolicy({ ...policy, ...next });
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const result = await invoke('face:policy:set', { policy });
    if (!result.ok) return setError(result.error);
    setPolicy(result.value);
    setSaved(true);
  };

  return (
    <form className="panel" data-testid="face-policy" onSubmit={(e) => void save(e)}>
      <h3>{t('enroll.policy.title')}</h3>
      <p className="muted small" data-testid="face-policy-scope">{t(hospital ? 'console.facePolicy.hospital' : 'console.facePolicy.workstation')}</p>
      <div className="face-policy">
        <label>
          {t('enroll.policy.threshold')}
          <input name="threshold" type="number" step="0.01" min="0" max="0.99" value={policy.threshold} onChange={(e) => change({ threshold: Number(e.target.value) })} />
        </label>
        <label>
          {t('enroll.policy.liveness')}
          <select name="liveness" value={policy.liveness} onChange={(e) => change({ liveness: e.target.value === 'passive' ? 'passive' : 'challenge' })}>
            <option value="challenge">{t('enroll.policy.livenessOptions.challenge')}</option>
            <option value="passive">{t('enroll.policy.livenessOptions.passive')}</option>
          </select>
        </label>
        {minuteFields.map(([field, label]) => (
          <label key={field}>
            {t(`enroll.policy.${label}`)}
            <input name={field} type="number" min="1" step="1" value={policy[field] / minute} onChange={(e) => change({ [field]: Math.round(Number(e.target.value) * minute) })} />
          </label>
        ))}
        <label>
          {t('enroll.policy.lockoutAttempts')}
          <input name="lockoutAttempts" type="number" min="1" step="1" value={policy.lockoutAttempts} onChange={(e) => change({ lockoutAttempts: Number(e.target.value) })} />
        </label>
        <label className="consent-check">
          <input name="passwordOnlySigning" type="checkbox" checked={policy.passwordOnlySigning} onChange={(e) => change({ passwordOnlySigning: e.target.checked })} />
          {t('enroll.policy.passwordOnlySigning')}
        </label>
      </div>
      {error && <p className="error" role="alert" data-error-code={error.code}>{errorText(error)}</p>}
      {saved && <p className="notice" role="status" data-testid="face-policy-saved">{t('enroll.policy.saved')}</p>}
      <div className="rx-actions">
        <button type="submit" className="face-policy-save">{t('enroll.policy.save')}</button>
      </div>
    </form>
  );
}
