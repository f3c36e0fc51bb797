import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestOf } from '../../../../shared/ipc';
import type { Result } from '../../../../shared/result';
import { captureJpeg } from './frameCapture';
import { runFaceAttempt, type FaceBegun, type FaceFrameAnswer, type FaceOutcome } from './runFaceAttempt';
import { useCamera, type CameraState } from './useCamera';

/**
 * The camera and one attempt, mounted only while the attempt runs: unmounting (verdict, cancel,
 * leaving the screen) cancels the attempt in main and turns the camera off.
 */
export function LiveCapture({ request, onResult, onCameraUnavailable }: {
  request: RequestOf<'face:begin'>;
  onResult: (result: Result<FaceOutcome>) => void;
  onCameraUnavailable: (state: Exclude<CameraState, 'starting' | 'live'>) => void;
}) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const camera = useCamera(video);
  const [begun, setBegun] = useState<FaceBegun | null>(null);
  const [answer, setAnswer] = useState<FaceFrameAnswer | null>(null);
  // The latest callbacks, read when the attempt ends, without restarting it when the parent re-renders.
  const callbacks = useRef({ onResult, onCameraUnavailable });
  callbacks.current = { onResult, onCameraUnavailable };

  useEffect(() => {
    if (camera === 'no-camera' || camera === 'denied') callbacks.current.onCameraUnavailable(camera);
    if (camera !== 'live') return;
    const abort = new AbortController();
    const capture = () => (video.current && canvas.current ? captureJpeg(video.current, canvas.current) : Promise.resolve(null));
    void runFaceAttempt(request, capture, { begun: setBegun, frame: setAnswer }, abort.signal)
      .then((result) => {
        if (result && !abort.signal.aborted) callbacks.current.onResult(result);
      });
    return () => abort.abort();
  }, [camera, request]);

  const prompt = begun ? t(begun.prompt === 'look-at-camera' ? 'face.lookAtCamera' : `face.challenge.${begun.prompt}`) : t('face.starting');
  return (
    <div className="face-capture" data-testid="face-capture" data-camera={camera} data-prompt={begun?.prompt ?? ''} data-guidance={answer?.guidance ?? ''}>
      <video ref={video} className="face-video" muted playsInline />
      <canvas ref={canvas} hidden />
      <p className="face-prompt" data-testid="face-prompt">{camera === 'live' ? prompt : t('face.starting')}</p>
      {answer?.guidance && (
        <p className="face-guidance" role="status" data-testid="face-guidance">{t(`face.guidance.${answer.guidance}`)}</p>
      )}
      {begun && begun.capturesNeeded > 0 && (
        <p className="muted" data-testid="face-captures">
          {t('enroll.captureN', { n: Math.min((answer?.capturesDone ?? 0) + 1, begun.capturesNeeded), total: begun.capturesNeeded })}
        </p>
      )}
    </div>
  );
}
