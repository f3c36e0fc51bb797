import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestOf } from '../../../../shared/ipc';
import type { AppError, Result } from '../../../../shared/result';
import { errorText } from '../../i18n';
import { LiveCapture } from './LiveCapture';
import { LockoutNote } from './LockoutNote';
import type { FaceOutcome } from './runFaceAttempt';
import type { CameraState } from './useCamera';

type Phase =
  | { kind: 'capturing'; round: number }
  | { kind: 'refused'; outcome: FaceOutcome }
  | { kind: 'failed'; error: AppError }
  | { kind: 'no-camera'; camera: Exclude<CameraState, 'starting' | 'live'> };

/**
 * The face step of sign-in, unlock, step-up and enrollment: the live camera while an attempt runs,
 * then main's verdict. An accepted outcome goes to `onAccepted`; a refusal shows why, how many
 * attempts are left or the lockout, and offers another try. Without a camera it says so and shows
 * `withoutCamera` (the read-only offer at sign-in).
 */
export function FaceStep({ request, onAccepted, onCancel, withoutCamera }: {
  request: RequestOf<'face:begin'>;
  onAccepted: (outcome: FaceOutcome) => void;
  onCancel?: () => void;
  withoutCamera?: ReactNode;
}) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'capturing', round: 0 });
  const round = phase.kind === 'capturing' ? phase.round : 0;
  const retry = () => setPhase({ kind: 'capturing', round: round + 1 });
  const settle = (result: Result<FaceOutcome>) => {
    if (!result.ok) return setPhase({ kind: 'failed', error: result.error });
    if (result.value.accepted) return onAccepted(result.value);
    setPhase({ kind: 'refused', outcome: result.value });
  };
  const lockedUntil = phase.kind === 'refused' ? phase.outcome.lockedUntil : null;

  return (
    <section className="face-step" data-testid="face-step" data-phase={phase.kind} data-reason={phase.kind === 'refused' ? (phase.outcome.reason ?? '') : phase.kind === 'failed' ? phase.error.code : ''}>
      <h2>{t('face.title')}</h2>
      {phase.kind === 'capturing' && (
        <LiveCapture
          key={phase.round}
          request={request}
          onResult={settle}
          onCameraUnavailable={(camera) => setPhase({ kind: 'no-camera', camera })}
        />
      )}
      {phase.kind === 'refused' && (
        <div className="error" role="alert" data-testid="face-refused">
          <p>{t(`face.failure.${phase.outcome.reason ?? 'no-match'}`)}</p>
          {phase.outcome.attemptsLeft !== null && !lockedUntil && <p>{t('face.attemptsLeft', { count: phase.outcome.attemptsLeft })}</p>}
        </div>
      )}
      {lockedUntil && <LockoutNote until={lockedUntil} />}
      {phase.kind === 'failed' &&
        (phase.error.code === 'FACE_LOCKED_OUT' ? (
          <LockoutNote />
        ) : (
          <p className="error" role="alert" data-error-code={phase.error.code}>{errorText(phase.error)}</p>
        ))}
      {phase.kind === 'no-camera' && (
        <>
          <p className="error" role="alert" data-testid="face-no-camera">{t(phase.camera === 'denied' ? 'face.denied' : 'face.noCamera')}</p>
          {withoutCamera}
        </>
      )}
      <div className="rx-actions">
        {((phase.kind === 'refused' && !lockedUntil) || (phase.kind === 'failed' && phase.error.code !== 'FACE_LOCKED_OUT')) && (
          <button type="button" className="face-retry" onClick={retry}>{t('face.retry')}</button>
        )}
        {onCancel && <button type="button" className="secondary" onClick={onCancel}>{t('face.cancel')}</button>}
      </div>
    </section>
  );
}
