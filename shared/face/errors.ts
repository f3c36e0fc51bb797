/**
 * The error codes of face verification and of the sessions it guards (issue 9), spread into the
 * one list in shared/result.ts. Each names what the user or the screen can do next.
 */
export const faceErrorCodes = [
  /** The password was right; this account must now pass a face check (`face:begin {purpose:'sign-in'}`). */
  'FACE_REQUIRED',
  /** No face template for this account on this workstation: `auth:openReadOnly` opens a read-only session. */
  'FACE_NOT_ENROLLED',
  /** The session was opened by password without a face check: it reads, it does not sign or open consultations. */
  'READ_ONLY_SESSION',
  /** Opening a consultation needs a verification within the policy's window: a step-up face check, then open again. */
  'CONSULTATION_CHECK_REQUIRED',
  /** The screen is locked (idle): only a face unlock by the same user, sign-out or another user's sign-in. */
  'SESSION_LOCKED',
  /** Too many failed face checks: the account is locked on this workstation until the time in the message. */
  'FACE_LOCKED_OUT',
  /** No pending password sign-in on this connection to finish with a face check. */
  'FACE_NO_PENDING_SIGN_IN',
  'FACE_ATTEMPT_UNKNOWN',
  /** The attempt was finished or cancelled; start a new one. */
  'FACE_ATTEMPT_CLOSED',
  /** An accepted attempt id was already spent on a signature. */
  'FACE_ATTEMPT_USED',
  /** An accepted attempt id is older than the signing window (60 s) or is not an accepted step-up of this user. */
  'FACE_ATTEMPT_STALE',
  /** Enrollment needs the user's separate consent to the current consent text version. */
  'FACE_CONSENT_REQUIRED',
  /** Roaming needs a hospital server: a workstation without one keeps its templates to itself. */
  'FACE_ROAMING_UNAVAILABLE',
  'FACE_ENGINE_UNAVAILABLE',
  /** Frame checks (electron/core/face/jpegFrame.ts) and the engine's own refusal. */
  'FRAME_TOO_LARGE',
  'FRAME_NOT_JPEG',
  'FRAME_TRUNCATED',
  'FRAME_DIMENSIONS',
  'FRAME_UNDECODABLE',
] as const;
