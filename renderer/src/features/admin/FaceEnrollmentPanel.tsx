import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FACE_CONSENT_VERSION, FACE_ROAMING_CONSENT_VERSION } from '../../../../shared/face/consent';
import type { ResponseOf } from '../../../../shared/ipc';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api';
import { errorText } from '../../i18n';
import { FaceStep } from '../face/FaceStep';
import { RoamingConsentText } from '../face/RoamingConsentText';
import { ConsentText } from './ConsentText';

type EnrollmentRow = ResponseOf<'face:enrollment:list'>['users'][number];

/**
 * Enrollment on this workstation, with the user present (issue 9): choose the user, show the
 * consent text, record their separate explicit consent, then 3-5 guided captures. Main keeps only
 * the template. Withdrawing consent deletes it.
 */
export function FaceEnrollmentPanel() {
  const { t } = useTranslation();
  const [users, setUsers] = useState<EnrollmentRow[]>([]);
  const [userId, setUserId] = useState('');
  const [consented, setConsented] = useState(false);
  // Roaming is a second, separate consent: unticked at every enrollment, never implied by the first.
  const [roaming, setRoaming] = useState(false);
  const [capturing, setCapturing] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const load = useCallback(async () => {
    const result = await invoke('face:enrollment:list', {});
    if (result.ok) setUsers(result.value.users);
    else setError(result.error);
  }, []);
  useEffect(() => void load(), [load]);
  const user = users.find((u) => u.userId === userId);
  // Consent is per user and per enrollment: choosing another user clears it.
  const choose = (id: string) => {
    setUserId(id);
    setConsented(false);
    setRoaming(false);
    setCapturing(false);
    setDone(null);
    setError(null);
  };
  const request = useMemo(
    () => ({
      purpose: 'enroll' as const, userId, consent: { version: FACE_CONSENT_VERSION, accepted: true as const },
      ...(roaming ? { roaming: { version: FACE_ROAMING_CONSENT_VERSION, accepted: true as const } } : {}),
    }),
    [userId, roaming],
  );
  const withdraw = async (row: EnrollmentRow) => {
    setError(null);
    const result = await invoke('face:withdraw', { userId: row.userId });
    if (!result.ok) return setError(result.error);
    setDone(t('enroll.withdrawn', { name: row.displayName }));
    await load();
  };

  return (
    <section className="panel face-enrollment" data-testid="face-enrollment">
      <h3>{t('enroll.title')}</h3>
      <label>
        {t('enroll.user')}
        <select name="enroll-user" value={userId} onChange={(e) => choose(e.target.value)}>
          <option value="">{t('enroll.chooseUser')}</option>
          {users.map((u) => (
            <option key={u.userId} value={u.userId}>
              {u.displayName} ({u.account}) · {u.enrolled ? t('enroll.enrolled') : t('enroll.notEnrolled')}
            </option>
          ))}
        </select>
      </label>
      {error && <p className="error" role="alert" data-error-code={error.code}>{errorText(error)}</p>}
      {done && <p className="notice" role="status" data-testid="enroll-done">{done}</p>}
      {user && !capturing && (
        <>
          <ConsentText />
          <label className="consent-check">
            <input type="checkbox" name="enroll-consent" checked={consented} onChange={(e) => setConsented(e.target.checked)} />
            {t('enroll.consentCheck', { name: user.displayName })}
          </label>
          <RoamingConsentText version={FACE_ROAMING_CONSENT_VERSION} />
          <label className="consent-check">
            <input type="checkbox" name="enroll-roaming-consent" checked={roaming} onChange={(e) => setRoaming(e.target.checked)} />
            {t('faceRoaming.consentCheck')}
          </label>
          <div className="rx-actions">
            <button type="button" className="enroll-start" disabled={!consented} onClick={() => { setDone(null); setCapturing(true); }}>{t('enroll.start')}</button>
            {user.enrolled && <button type="button" className="secondary enroll-withdraw" onClick={() => void withdraw(user)}>{t('enroll.withdraw')}</button>}
          </div>
        </>
      )}
      {user && capturing && (
        <FaceStep
          request={request}
          onAccepted={() => {
            setCapturing(false);
            setConsented(false);
            setRoaming(false);
            setDone(t('enroll.done', { name: user.displayName }));
            void load();
          }}
          onCancel={() => setCapturing(false)}
        />
      )}
    </section>
  );
}
