import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';

/**
 * "Locked on this workstation for N more minutes" (issue 9: after 5 failed attempts the account
 * locks here for a configured time). The time comes from main: the refusal that locked it, or
 * `face:status` for the pending sign-in or the session when main refused with FACE_LOCKED_OUT.
 */
export function LockoutNote({ until }: { until?: string }) {
  const { t } = useTranslation();
  const [lockedUntil, setLockedUntil] = useState<string | null>(until ?? null);
  useEffect(() => {
    if (until) return;
    void invoke('face:status', {}).then((status) => {
      if (status.ok) setLockedUntil(status.value.pendingSignIn?.lockedUntil ?? status.value.session?.lockedUntil ?? null);
    });
  }, [until]);
  const minutes = lockedUntil ? Math.max(1, Math.ceil((Date.parse(lockedUntil) - Date.now()) / 60_000)) : null;
  return (
    <p className="error" role="alert" data-testid="face-locked-out" data-error-code="FACE_LOCKED_OUT">
      {minutes === null ? t('errors.FACE_LOCKED_OUT') : t('face.lockedOut', { minutes })}
    </p>
  );
}
