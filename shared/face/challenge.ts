/**
 * The active liveness challenge of issue 9: main picks one at random for each attempt, with a nonce
 * and an expiry, because the passive antispoof/liveness scores alone did not separate real photos.
 */
export const challengeKinds = ['blink', 'turn-left', 'turn-right'] as const;
export type ChallengeKind = (typeof challengeKinds)[number];

export interface LivenessChallenge {
  kind: ChallengeKind;
  /** Single use: the session service refuses a second answer with the same nonce. */
  nonce: string;
  /** Main's clock, ms. Frames are stamped by main on arrival, never by the renderer. */
  issuedAt: number;
  expiresAt: number;
}

/**
 * The site's 'passive' liveness policy (issue 9, FacePolicy): no challenge is asked; the track is
 * judged on everything else (one face, exposure, size, steadiness, the same person throughout,
 * micro-motion, no repeated frames) inside the same single-use time window.
 */
export interface PassiveCheck {
  kind: 'none';
  nonce: string;
  issuedAt: number;
  expiresAt: number;
}
export type LivenessCheck = LivenessChallenge | PassiveCheck;

/** Long enough for a slow blink or turn after the prompt shows; short enough that a recording must be made on the spot. */
export const CHALLENGE_TTL_MS = 8000;

/** `randomInt(n)` returns 0..n-1 from a CSPRNG (node:crypto randomInt in main). */
export function pickChallenge(randomInt: (n: number) => number, nonce: string, now: number, ttlMs = CHALLENGE_TTL_MS): LivenessChallenge {
  const kind = challengeKinds[randomInt(challengeKinds.length)];
  if (!kind) throw new RangeError('randomInt returned a value out of range');
  return { kind, nonce, issuedAt: now, expiresAt: now + ttlMs };
}
