import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../shared/ipc';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api';
import { errorText } from '../../i18n';
import { RoamingConsentText } from './RoamingConsentText';

type Status = ResponseOf<'face:roaming:get'>;

/**
 * "My face template" (issue 9, roaming): the signed-in user sees whether a template is held here
 * and whether it roams, and gives or withdraws the separate roaming consent (main decides and
 * records it: electron/core/face/roaming.ts). No template or score is ever shown.
 */
export function MyFaceTemplate({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);
  const [consented, setConsented] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const load = useCallback(async () => {
    const result = await invoke('face:roaming:get', { userId });
    if (result.ok) setStatus(result.value);
    else setError(result.error);
  }, [userId]);
  useEffect(() => {
    if (open) void load();
  }, [open, load]);
  const change = async (give: boolean) => {
    if (!status) return;
    setError(null);
    const result = await invoke('face:roaming:set', { userId, consent: give ? { version: status.currentConsentVersion, accepted: true } : null });
    if (!result.ok) return setError(result.error);
    setStatus(result.value);
    setConsented(false);
  };

  return (
    <span className="my-face-template">
      <button type="button" className="secondary" aria-expanded={open} onClick={() => setOpen(!open)}>{t('faceRoaming.panelButton')}</button>
      {open && (
        <section className="panel my-face-template-panel" data-testid="my-face-template">
          <h3>{t('faceRoaming.panelTitle')}</h3>
          {error && <p className="error" role="alert" data-error-code={error.code}>{errorText(error)}</p>}
          {status && (
            <>
              <p data-testid="my-face-template-state">
                {!status.enrolled ? t('faceRoaming.notEnrolled') : status.roaming ? t('faceRoaming.roaming') : t('faceRoaming.localOnly')}
                {status.origin === 'roamed' && ` ${t('faceRoaming.roamedHere')}`}
              </p>
              {status.enrolled && !status.roaming && status.serverConfigured && (
                <>
                  <RoamingConsentText version={status.currentConsentVersion} />
                  <label className="consent-check">
                    <input type="checkbox" name="roaming-consent" checked={consented} onChange={(e) => setConsented(e.target.checked)} />
                    {t('faceRoaming.consentCheck')}
                  </label>
                  <button type="button" disabled={!consented} onClick={() => void change(true)}>{t('faceRoaming.give')}</button>
                </>
              )}
              {(status.roaming || status.origin === 'roamed') && (
                <button type="button" className="secondary" onClick={() => void change(false)}>{t('faceRoaming.withdraw')}</button>
              )}
            </>
          )}
        </section>
      )}
    </span>
  );
}
