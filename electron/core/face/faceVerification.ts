/**
 * Face checks for the session (issue 9): sign-in after the password, unlock of an idle-locked
 * screen, step-up before signing, and enrollment. Main decides everything here from JPEG frames;
 * the renderer's only inputs are the attempt id and the bytes. Each verification attempt is
 * audited (similarity, liveness reason, passive scores, never an image or a descriptor) in the same
 * transaction as the lockout count it changes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { auditSubject } from '../../../shared/audit/subjects';
import { FACE_CONSENT_VERSION } from '../../../shared/face/consent';
import type { FaceBegun, FacePurpose } from '../../../shared/ipc/faceChannels';
import type { ParsedRequestOf, ResponseOf } from '../../../shared/ipc';
import { AppFailure } from '../../../shared/result';
import type { Session, SessionService } from '../session/sessionService';
import type { FacePolicyStore } from '../session/facePolicy';
import type { Actor, AuditLog } from '../store/audit';
import type { Db } from '../store/database';
import type { FaceLockoutsTable } from '../store/faceLockouts';
import type { FaceTemplatesTable } from '../store/faceTemplates';
import type { UserRow, UsersTable } from '../store/users';
import { ChallengeBook } from './challengeBook';
import { Enrollment, enrollmentCaptures } from './enrollment';
import { FaceAttempt, type FrameRefusal } from './faceAttempt';
import type { FaceEngineHost } from './faceEngineHost';
import { faceTemplateModelId } from './faceModel';
import { checkFrame, FrameError } from './jpegFrame';
import type { AcceptedAttempts } from './signingProofs';
import type { FaceRoaming, RoamingActor } from './roaming';

export interface FaceVerificationDeps {
  db: Db;
  now: () => number;
  deviceId: string;
  sessions: SessionService;
  users: UsersTable;
  templates: FaceTemplatesTable;
  lockouts: FaceLockoutsTable;
  policy: FacePolicyStore;
  audit: AuditLog;
  engine: FaceEngineHost;
  proofs: AcceptedAttempts;
  roaming: FaceRoaming;
}

/** An admin has this long to take the captures of one enrollment. */
const ENROLLMENT_MS = 2 * 60_000;

type Open =
  | { kind: 'verify'; id: string; connectionId: string; purpose: Exclude<FacePurpose, 'enroll'>; user: UserRow; attempt: FaceAttempt }
  | { kind: 'enroll'; id: string; connectionId: string; purpose: 'enroll'; user: UserRow; admin: Session; enrollment: Enrollment; expiresAt: number; consentVersion: string;
      /** The user's separate roaming consent (its version), ticked or not. */
      roamingConsentVersion: string | null };

type Begin = ParsedRequestOf<'face:begin'>;
type Outcome = ResponseOf<'face:finish'>;

export function faceVerification(deps: FaceVerificationDeps) {
  const book = new ChallengeBook();
  const open = new Map<string, Open>();
  /** Finished or cancelled attempt ids, so a late frame says "closed", not "unknown". */
  const closed = new Set<string>();
  const deviceActor: Actor = { userId: 'system', sessionId: null, deviceId: deps.deviceId };
  const iso = (ms: number) => new Date(ms).toISOString();

  function actorFor(connectionId: string, user: UserRow): Actor {
    const session = deps.sessions.current(connectionId);
    return session && session.userId === user.id ? deps.sessions.actorOf(session) : { userId: user.id, sessionId: null, deviceId: deps.deviceId };
  }

  /** Who is being verified, for each purpose; refuses with the code the screen acts on. */
  function subjectOf(connectionId: string, request: Begin): UserRow {
    switch (request.purpose) {
      case 'sign-in': {
        const user = deps.sessions.pendingSignIn(connectionId);
        if (request.account !== undefined && user?.account !== request.account) {
          if (!deps.users.byAccount(request.account)) {
            // No such account here: audited under the device, with a digest to correlate repeats, not the name typed.
            deps.audit.append(deviceActor, 'face.attempt', auditSubject('user', 'unknown'), {
              purpose: 'sign-in',
              accepted: false,
              reason: 'unknown-account',
              accountSha256: createHash('sha256').update(request.account).digest('hex'),
            });
          }
          throw new AppFailure('FACE_NO_PENDING_SIGN_IN', 'Sign in with this account and its password first.');
        }
        if (!user) throw new AppFailure('FACE_NO_PENDING_SIGN_IN', 'Sign in with your account and password first.');
        return user;
      }
      case 'unlock': {
        const session = deps.sessions.current(connectionId);
        if (!session) throw new AppFailure('UNAUTHENTICATED', 'There is no session to unlock; sign in.');
        if (!session.locked) throw new AppFailure('CONFLICT', 'The session is not locked.');
        return requireUser(session.userId);
      }
      case 'step-up': {
        const session = deps.sessions.current(connectionId);
        if (!session) throw new AppFailure('UNAUTHENTICATED', 'Sign in first.');
        if (session.locked) throw new AppFailure('SESSION_LOCKED', 'The screen is locked: unlock it first.');
        return requireUser(session.userId);
      }
      case 'enroll':
        return requireUser(request.userId);
    }
  }

  function requireUser(userId: string): UserRow {
    const user = deps.users.byId(userId);
    if (!user) throw new AppFailure('NOT_FOUND', 'No account with that id is known on this workstation.');
    return user;
  }

  function adminSession(connectionId: string): Session {
    const session = deps.sessions.current(connectionId);
    if (!session?.roles.includes('admin')) throw new AppFailure('FORBIDDEN', 'Enrollment needs an administrator\'s session.');
    if (session.locked) throw new AppFailure('SESSION_LOCKED', 'The screen is locked: unlock it first.');
    return session;
  }

  function closeOpenOf(connectionId: string): void {
    for (const [id, attempt] of open) if (attempt.connectionId === connectionId) close(id);
  }
  function close(id: string): void {
    open.delete(id);
    closed.add(id);
  }

  function lookup(connectionId: string, attemptId: string): Open {
    const attempt = open.get(attemptId);
    if (attempt && attempt.connectionId === connectionId) return attempt;
    if (closed.has(attemptId)) throw new AppFailure('FACE_ATTEMPT_CLOSED', 'This face check has ended; start a new one.');
    throw new AppFailure('FACE_ATTEMPT_UNKNOWN', 'There is no face check with that id on this connection.');
  }

  async function begin(connectionId: string, request: Begin): Promise<FaceBegun> {
    const policy = deps.policy.current();
    const now = deps.now();
    if (request.purpose === 'enroll') {
      const admin = adminSession(connectionId);
      const user = subjectOf(connectionId, request);
      if (request.consent.version !== FACE_CONSENT_VERSION) {
        throw new AppFailure('FACE_CONSENT_REQUIRED', `The user must accept the current consent text (${FACE_CONSENT_VERSION}) before enrollment.`);
      }
      if (request.roaming) deps.roaming.checkEnrollmentConsent(request.roaming.version);
      const face = await deps.engine.client();
      closeOpenOf(connectionId);
      const id = randomUUID();
      const expiresAt = now + ENROLLMENT_MS;
      open.set(id, { kind: 'enroll', id, connectionId, purpose: 'enroll', user, admin, enrollment: new Enrollment(face, policy.threshold), expiresAt, consentVersion: request.consent.version,
        roamingConsentVersion: request.roaming?.version ?? null });
      return { attemptId: id, purpose: 'enroll', challenge: { kind: 'none', expiresAt: iso(expiresAt) }, prompt: 'look-at-camera', capturesNeeded: enrollmentCaptures.min };
    }
    const user = subjectOf(connectionId, request);
    const template = deps.templates.get(user.id);
    if (!template || template.modelId !== faceTemplateModelId) {
      throw new AppFailure('FACE_NOT_ENROLLED', 'No face is enrolled for this account on this workstation.');
    }
    const lockedUntil = deps.lockouts.lockedUntil(user.id, now);
    if (lockedUntil !== null) {
      throw new AppFailure('FACE_LOCKED_OUT', `Too many failed face checks: this account is locked on this workstation until ${iso(lockedUntil)}.`);
    }
    const face = await deps.engine.client();
    closeOpenOf(connectionId);
    const check = policy.liveness === 'challenge' ? book.issue(deps.now()) : book.issuePassive(deps.now());
    const id = randomUUID();
    open.set(id, { kind: 'verify', id, connectionId, purpose: request.purpose, user, attempt: new FaceAttempt(face, check, template.descriptor, policy.threshold) });
    return {
      attemptId: id,
      purpose: request.purpose,
      challenge: { kind: check.kind, expiresAt: iso(check.expiresAt) },
      prompt: check.kind === 'none' ? 'look-at-camera' : check.kind,
      capturesNeeded: 0,
    };
  }

  async function frame(connectionId: string, attemptId: string, base64: string): Promise<ResponseOf<'face:frame'>> {
    const attempt = lookup(connectionId, attemptId);
    const bytes = Buffer.from(base64, 'base64');
    try {
      checkFrame(bytes);
    } catch (error) {
      if (error instanceof FrameError) throw new AppFailure(error.code, error.message);
      throw error;
    }
    if (attempt.kind === 'enroll') {
      if (deps.now() > attempt.expiresAt) throw new AppFailure('FACE_ATTEMPT_CLOSED', 'This enrollment took too long; start again.');
      const result = await attempt.enrollment.addFrame(bytes);
      if (!result.ok) throw refusal(result.code, result.message);
      return { guidance: result.guidance, frames: attempt.enrollment.frames, capturesDone: attempt.enrollment.capturesDone };
    }
    // Stamped by main on arrival, never by the renderer.
    const result = await attempt.attempt.addFrame(bytes, deps.now());
    if (!result.ok) throw refusal(result.code, result.message);
    return { guidance: result.guidance, frames: attempt.attempt.frames, capturesDone: 0 };
  }

  function finish(connectionId: string, attemptId: string): Outcome {
    const attempt = lookup(connectionId, attemptId);
    close(attemptId);
    return attempt.kind === 'enroll' ? finishEnrollment(attempt) : finishVerification(attempt);
  }

  function finishVerification(a: Extract<Open, { kind: 'verify' }>): Outcome {
    const policy = deps.policy.current();
    const now = deps.now();
    const taken = book.take(a.attempt.challenge.nonce, now);
    const decision = a.attempt.finish();
    const reason = taken.ok ? decision.reason : 'challenge-expired';
    const accepted = reason === null;
    const actor = actorFor(a.connectionId, a.user);
    const counted = deps.db.transaction(() => {
      deps.audit.append(actor, 'face.attempt', auditSubject('user', a.user.id), {
        attemptId: a.id,
        purpose: a.purpose,
        accepted,
        reason,
        similarity: round(decision.similarity),
        threshold: policy.threshold,
        liveness: decision.liveness.pass ? 'pass' : decision.liveness.reason,
        livenessPolicy: policy.liveness,
        challenge: a.attempt.challenge.kind,
        antispoof: round(decision.antispoof),
        livenessScore: round(decision.livenessScore),
        frames: decision.frames,
      });
      if (accepted) {
        deps.lockouts.succeed(a.user.id);
        return { attemptsLeft: policy.lockoutAttempts, lockedUntil: null };
      }
      const failed = deps.lockouts.fail(a.user.id, now, policy.lockoutAttempts, policy.lockoutMs);
      if (failed.lockedUntil !== null) deps.audit.append(actor, 'face.lockout', auditSubject('user', a.user.id), { until: iso(failed.lockedUntil), failures: policy.lockoutAttempts });
      return failed;
    })();
    const base = { attemptId: a.id, purpose: a.purpose, reason, attemptsLeft: counted.attemptsLeft, lockedUntil: counted.lockedUntil === null ? null : iso(counted.lockedUntil) };
    if (!accepted) return { ...base, accepted: false, session: null };
    deps.proofs.record(a.id, a.user.id);
    const session =
      a.purpose === 'sign-in'
        ? deps.sessions.openByFace(a.connectionId, a.user.id)
        : a.purpose === 'unlock'
          ? deps.sessions.unlockByFace(a.connectionId, a.user.id)
          : deps.sessions.reverifiedByFace(a.connectionId, a.user.id);
    return { ...base, accepted: true, session };
  }

  function finishEnrollment(a: Extract<Open, { kind: 'enroll' }>): Outcome {
    const result = a.enrollment.finish();
    const actor = deps.sessions.actorOf(a.admin);
    const base = { attemptId: a.id, purpose: 'enroll' as const, attemptsLeft: null, lockedUntil: null, session: null };
    if (!result.ok) {
      deps.audit.append(actor, 'face.enroll', auditSubject('user', a.user.id), { accepted: false, reason: result.reason, captures: a.enrollment.capturesDone });
      return { ...base, accepted: false, reason: result.reason };
    }
    const at = iso(deps.now());
    deps.db.transaction(() => {
      deps.audit.append(actor, 'face.consent', auditSubject('user', a.user.id), { version: a.consentVersion, accepted: true, roaming: false });
      const replaced = deps.templates.get(a.user.id);
      const template = deps.templates.enroll({
        userId: a.user.id, modelId: faceTemplateModelId, descriptor: result.descriptor, captures: result.captures, consentVersion: a.consentVersion,
        enrolledBy: a.admin.userId, enrolledAt: at, roamingConsentVersion: a.roamingConsentVersion,
      });
      deps.audit.append(actor, 'face.enroll', auditSubject('user', a.user.id), { accepted: true, captures: result.captures, modelId: faceTemplateModelId, consentVersion: a.consentVersion });
      // The roaming consent is its own entry, after the enrollment it concerns (roaming.ts).
      deps.roaming.afterEnrollment({ actor, authorId: a.admin.userId, by: 'admin' }, template, replaced);
    })();
    return { ...base, accepted: true, reason: null };
  }

  function cancel(connectionId: string, attemptId: string): { cancelled: boolean } {
    const attempt = open.get(attemptId);
    if (!attempt || attempt.connectionId !== connectionId) return { cancelled: false };
    close(attemptId);
    // Not counted against the lockout: a cancelled attempt reveals nothing about the match.
    if (attempt.kind === 'verify') {
      book.take(attempt.attempt.challenge.nonce, deps.now());
      deps.audit.append(actorFor(connectionId, attempt.user), 'face.attempt', auditSubject('user', attempt.user.id), { attemptId: attempt.id, purpose: attempt.purpose, accepted: false, reason: 'cancelled', frames: attempt.attempt.frames });
    }
    return { cancelled: true };
  }

  function status(connectionId: string): ResponseOf<'face:status'> {
    const policy = deps.policy.current();
    const now = deps.now();
    const lockOf = (userId: string) => {
      const until = deps.lockouts.lockedUntil(userId, now);
      return until === null ? null : iso(until);
    };
    const pending = deps.sessions.pendingSignIn(connectionId);
    const session = deps.sessions.current(connectionId);
    return {
      liveness: policy.liveness,
      passwordOnlySigning: policy.passwordOnlySigning,
      pendingSignIn: pending ? { account: pending.account, enrolled: deps.templates.has(pending.id), lockedUntil: lockOf(pending.id) } : null,
      session: session ? { enrolled: deps.templates.has(session.userId), lockedUntil: lockOf(session.userId) } : null,
    };
  }

  /**
   * The user themselves, or an admin, withdraws consent: the template is deleted and the withdrawal
   * recorded; one that roamed is deleted on the server and the user's other devices too (roaming.ts).
   */
  function withdraw(session: Session, userId: string): { withdrawn: boolean } {
    const who = roamingActor(session, userId);
    return deps.db.transaction(() => {
      const removed = deps.templates.get(userId);
      const withdrawn = deps.templates.delete(userId);
      deps.lockouts.succeed(userId);
      deps.audit.append(who.actor, 'face.withdraw', auditSubject('user', userId), { withdrawn, by: who.by });
      deps.roaming.afterEnrollmentWithdrawn(who, removed);
      return { withdrawn };
    })();
  }

  /** Who changes a user's face consent: the user, or an admin (enrollment.ts, roaming.ts). */
  function roamingActor(session: Session, userId: string): RoamingActor {
    if (session.userId !== userId && !session.roles.includes('admin')) throw new AppFailure('FORBIDDEN', 'Only the user or an administrator can change a face enrollment\'s consent.');
    return { actor: deps.sessions.actorOf(session), authorId: session.userId, by: session.userId === userId ? 'self' : 'admin' };
  }

  /** The "my face template" panel: the user's own roaming consent, given or withdrawn; an admin may withdraw it. */
  function roamingStatus(session: Session, userId: string): ResponseOf<'face:roaming:get'> {
    roamingActor(session, userId);
    return deps.roaming.status(userId);
  }
  function setRoaming(session: Session, userId: string, consent: ParsedRequestOf<'face:roaming:set'>['consent']): ResponseOf<'face:roaming:get'> {
    const who = roamingActor(session, userId);
    if (consent) {
      // A consent is the user's own: an admin records one only at enrollment, with the user present.
      if (who.by !== 'self') throw new AppFailure('FORBIDDEN', 'Only the user gives their roaming consent, from their own session.');
      deps.roaming.give(who, userId, consent.version);
    } else {
      deps.roaming.withdraw(who, userId);
    }
    return deps.roaming.status(userId);
  }

  function enrollmentList(): ResponseOf<'face:enrollment:list'> {
    const enrolled = deps.templates.enrolledAt();
    return {
      users: deps.users.all().map((u) => ({
        userId: u.id,
        account: u.account,
        displayName: u.displayName,
        roles: u.roles,
        enrolled: enrolled.has(u.id),
        enrolledAt: enrolled.get(u.id) ?? null,
      })),
    };
  }

  return { begin, frame, finish, cancel, status, withdraw, roamingStatus, setRoaming, enrollmentList, policy: () => deps.policy.current(), close: () => deps.engine.close() };
}
export type FaceVerification = ReturnType<typeof faceVerification>;

function refusal(code: FrameRefusal, message: string): AppFailure {
  if (code === 'ATTEMPT_CLOSED') return new AppFailure('FACE_ATTEMPT_CLOSED', message);
  if (code === 'ENGINE_FAILED') return new AppFailure('FACE_ENGINE_UNAVAILABLE', 'The face engine stopped; try again.');
  return new AppFailure(code, message);
}

const round = (value: number | null): number | null => (value === null ? null : Math.round(value * 1000) / 1000);
