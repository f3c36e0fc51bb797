/**
 * Face verification channels (issue 9), spread into the one contract (contract.ts). Main decides
 * everything; the renderer sends JPEG frames and shows prompts. No descriptor, score or verdict is
 * ever accepted from the renderer.
 *
 * Shape (stable; later changes are additive only):
 *   auth:signIn {account, password}      -> SessionInfo when a session opens (admin without a
 *        template, or the site's passwordOnlySigning policy); otherwise the password check is kept
 *        as a pending sign-in bound to the connection and the call fails with
 *        FACE_REQUIRED (template here: do a face check) or FACE_NOT_ENROLLED (no template here:
 *        `auth:openReadOnly {}` opens a read-only session). FACE_LOCKED_OUT when the account is locked here.
 *   auth:openReadOnly {}                 -> SessionInfo (mode 'read-only') from the pending sign-in.
 *   face:begin {purpose:'sign-in'}       -> FaceBegun   (finishes the pending sign-in)
 *   face:begin {purpose:'unlock'}        -> FaceBegun   (the locked session's own user only)
 *   face:begin {purpose:'step-up'}       -> FaceBegun   (refreshes verifiedAt; its id may go with rx:sign)
 *   face:begin {purpose:'enroll', userId, consent:{version, accepted:true}, roaming?:{version, accepted:true}} -> FaceBegun (admin session)
 *        FaceBegun = {attemptId, purpose, challenge:{kind:'blink'|'turn-left'|'turn-right'|'none', expiresAt},
 *                     prompt, capturesNeeded (enroll: 3, else 0)}
 *   face:frame {attemptId, jpeg: base64}  -> {guidance: FaceGuidance|null, frames, capturesDone}
 *        (<= 640 px, <= 200 KB after decoding: FRAME_* codes; FACE_ATTEMPT_UNKNOWN / _CLOSED)
 *   face:finish {attemptId}              -> FaceOutcome {attemptId, purpose, accepted, reason,
 *                                           attemptsLeft, lockedUntil, session}
 *   face:cancel {attemptId}              -> {cancelled}
 *   face:status {}                       -> {liveness, passwordOnlySigning, pendingSignIn, session}: booleans, no template
 *   face:withdraw {userId}               -> {withdrawn} (the user themselves, or an admin)
 *   face:enrollment:list {}              -> admin: which users have a template here (booleans)
 *   face:policy:get {} / face:policy:set {policy} -> FacePolicy (admin; validated, audited)
 *   rx:sign gains faceAttemptId: an accepted step-up finished <= 60 s ago, single use (FACE_ATTEMPT_USED).
 * Channels marked `requiresVerifiedSession` refuse a read-only session with READ_ONLY_SESSION; every
 * non-public channel refuses a locked session with SESSION_LOCKED (dispatch.ts, one place).
 * A template stays on the enrolling workstation unless the user separately consents to roaming
 * (`roaming` at enrollment, or later in faceRoamingChannels.ts).
 */
import { z } from 'zod';
import { Role } from '../domain/roles';
import { FACE_MATCH_THRESHOLD } from '../face/similarity';
import { faceGuidance } from '../face/quality';
import { livenessFailures } from '../face/liveness';
import { challengeKinds } from '../face/challenge';
import { SessionInfo } from './sessionInfo';

const admin = ['admin'] as const satisfies readonly Role[];
const anyRole = ['physician', 'pharmacist', 'admin'] as const satisfies readonly Role[];
const Empty = z.object({}).strict();
const id = z.string().min(1).max(64);

export const FacePurpose = z.enum(['sign-in', 'unlock', 'step-up', 'enroll']);
export type FacePurpose = z.infer<typeof FacePurpose>;

export const FaceChallengeKind = z.enum([...challengeKinds, 'none']);
/** What the screen asks for now: the challenge, or "look at the camera" (passive policy, enrollment). */
export const FacePrompt = z.enum(['look-at-camera', ...challengeKinds]);
export const FaceGuidance = z.enum(faceGuidance);

export const FaceConsent = z.object({ version: z.string().min(1).max(64), accepted: z.literal(true) }).strict();

export const FaceBeginRequest = z.discriminatedUnion('purpose', [
  /** `account`, when given, must be the pending sign-in's account. */
  z.object({ purpose: z.literal('sign-in'), account: z.string().trim().min(1).max(64).optional() }).strict(),
  z.object({ purpose: z.literal('unlock') }).strict(),
  z.object({ purpose: z.literal('step-up') }).strict(),
  /** `roaming`: the user's separate, unticked-by-default consent to roam the template (faceRoamingChannels.ts). */
  z.object({ purpose: z.literal('enroll'), userId: id, consent: FaceConsent, roaming: FaceConsent.optional() }).strict(),
]);

export const FaceBegun = z.object({
  attemptId: z.string(),
  purpose: FacePurpose,
  challenge: z.object({ kind: FaceChallengeKind, expiresAt: z.string() }),
  prompt: FacePrompt,
  /** Enrollment: good captures needed before finish (3); 0 for a verification. */
  capturesNeeded: z.number().int(),
});
export type FaceBegun = z.infer<typeof FaceBegun>;

/** Base64 of the JPEG bytes: JSON (loopback host) and structured clone (Electron IPC) both carry it unchanged. */
const Base64Jpeg = z.string().min(4).max(300_000).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'jpeg must be base64');

export const FaceFrameAnswer = z.object({
  /** The first quality gate this frame failed (no face, several faces, too dark, move closer, hold still ...), or null. */
  guidance: FaceGuidance.nullable(),
  frames: z.number().int(),
  /** Enrollment: captures that passed every gate so far (at most 5 are kept). */
  capturesDone: z.number().int(),
});

export const FaceRefusalReason = z.enum([...livenessFailures, 'no-usable-frame', 'no-match', 'too-few-captures']);
export type FaceRefusalReason = z.infer<typeof FaceRefusalReason>;

export const FaceOutcome = z.object({
  attemptId: z.string(),
  purpose: FacePurpose,
  accepted: z.boolean(),
  reason: FaceRefusalReason.nullable(),
  /** Failed checks left before the account locks here; null for enrollment. */
  attemptsLeft: z.number().int().nullable(),
  /** ISO time until which the account is locked on this workstation, when this failure locked it. */
  lockedUntil: z.string().nullable(),
  /** The session opened, unlocked or re-verified; null when refused or for enrollment. */
  session: SessionInfo.nullable(),
});

export const FacePolicy = z
  .object({
    /** Cosine similarity; never below the measured FACE_MATCH_THRESHOLD. */
    threshold: z.number().min(FACE_MATCH_THRESHOLD, `the threshold may not be below ${FACE_MATCH_THRESHOLD}`).max(0.99),
    /** 'challenge': randomized blink/turn plus passive scores (default); 'passive': passive scores and micro-motion only. */
    liveness: z.enum(['challenge', 'passive']),
    idleLockMs: z.number().int().min(60_000).max(60 * 60_000),
    freshVerificationMs: z.number().int().min(60_000).max(30 * 60_000),
    lockoutAttempts: z.number().int().min(3).max(10),
    lockoutMs: z.number().int().min(60_000).max(24 * 3_600_000),
    /** For sites whose rules provide another strong method: a password session is full and signs. Off by default. */
    passwordOnlySigning: z.boolean(),
  })
  .strict();
export type FacePolicy = z.infer<typeof FacePolicy>;

export const FaceStatus = z.object({
  liveness: z.enum(['challenge', 'passive']),
  passwordOnlySigning: z.boolean(),
  /** The password-checked sign-in waiting on this connection, if any. */
  pendingSignIn: z.object({ account: z.string(), enrolled: z.boolean(), lockedUntil: z.string().nullable() }).nullable(),
  /** The connection's session user, if any. */
  session: z.object({ enrolled: z.boolean(), lockedUntil: z.string().nullable() }).nullable(),
});

export const FaceEnrollmentRow = z.object({
  userId: z.string(),
  account: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  enrolled: z.boolean(),
  enrolledAt: z.string().nullable(),
});

export const faceChannels = {
  'face:begin': { request: FaceBeginRequest, response: FaceBegun, access: 'public' },
  'face:frame': { request: z.object({ attemptId: id, jpeg: Base64Jpeg }).strict(), response: FaceFrameAnswer, access: 'public' },
  'face:finish': { request: z.object({ attemptId: id }).strict(), response: FaceOutcome, access: 'public' },
  'face:cancel': { request: z.object({ attemptId: id }).strict(), response: z.object({ cancelled: z.boolean() }), access: 'public' },
  'face:status': { request: Empty, response: FaceStatus, access: 'public' },
  'face:withdraw': { request: z.object({ userId: id }).strict(), response: z.object({ withdrawn: z.boolean() }), access: anyRole },
  'face:enrollment:list': { request: Empty, response: z.object({ users: z.array(FaceEnrollmentRow) }), access: admin },
  'face:policy:get': { request: Empty, response: FacePolicy, access: admin },
  'face:policy:set': { request: z.object({ policy: FacePolicy }).strict(), response: FacePolicy, access: admin },
} as const;
