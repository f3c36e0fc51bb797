import { useEffect, useRef, useState, type RefObject } from 'react';

/** What the camera is doing, as the face step shows it. */
export type CameraState = 'starting' | 'live' | 'no-camera' | 'denied';

/**
 * The workstation camera, on while the component using it is mounted and off the moment it
 * unmounts (an attempt ended, the user left): the tracks are stopped, so the camera light goes out.
 * Video only: the permission handler (electron/permissions/mediaPermission.ts) refuses audio.
 */
export function useCamera(video: RefObject<HTMLVideoElement | null>): CameraState {
  const [state, setState] = useState<CameraState>('starting');
  const stream = useRef<MediaStream | null>(null);
  useEffect(() => {
    let stopped = false;
    const stop = () => {
      stream.current?.getTracks().forEach((track) => track.stop());
      stream.current = null;
    };
    // navigator.mediaDevices is missing outside a secure context and on machines without media support.
    if (!navigator.mediaDevices?.getUserMedia) {
      setState('no-camera');
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: true, audio: false }).then(
      async (media) => {
        if (stopped) return media.getTracks().forEach((track) => track.stop());
        stream.current = media;
        const element = video.current;
        if (!element) return;
        element.srcObject = media;
        try {
          await element.play();
          if (!stopped) setState('live');
        } catch {
          // play() is interrupted when the element goes away before the first frame: nothing to show.
        }
      },
      (error: unknown) => {
        if (stopped) return;
        const name = error instanceof DOMException ? error.name : '';
        setState(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'no-camera');
      },
    );
    return () => {
      stopped = true;
      stop();
    };
  }, [video]);
  return state;
}
