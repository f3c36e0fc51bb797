import type { Role } from '../../../shared/domain/roles';
import type { SessionInfo } from '../../../shared/ipc';
import { AppFailure } from '../../../shared/result';
import { createHash, randomUUID } from 'node:crypto';
import { auditSubject, type AuditSubject } from '../../../shared/audit/subjects';
import type { Actor } from '../store/audit';
import type { UserRow, UsersTable } from '../store/users';
import type { FacePolicy } from './facePolicy';
import { realTimers, type IdleTimers } from './idleTimers';
import type { OfflineSignIn } from './offlineSignIn';
import { PendingSignIns } from './pendingSignIns';
import { syncAllowsSigning, type DeviceSyncFacts } from './signingFreshness';

export interface Session extends SessionInfo {
  /** Names the session in audit entries; never leaves main. */
  sessionId: string;
  lastActivityAt: number;
}

/**
 * Signing in with the hospital server while it is reachable: a refusal there (wrong password,
 * suspended account) is final and updates the local copy. `'online'`: the server checked the
 * password; `'offline'`: it could not be reached, so the password is checked against this device's
 * own offline verifier (offlineSignIn.ts), if the account has one here.
 */
export interface ServerSignIn {
  signIn(account: string, password: string): Promise<'online' | 'offline'>;
}

export interface SessionServiceDeps {
  users: UsersTable;
  offline: OfflineSignIn;
  /** Read on every decision, so an admin's change applies at once (facePolicy.ts). */
  policy: () => FacePolicy;
  now?: () => number;
  onLocked?: (connectionId: string, reason: 'idle' | 'signed-out') => void;
  /** The hospital server, when one is configured: it has the last word on accounts. */
  server?: ServerSignIn | null;
  timers?: IdleTimers;
  /** Whether the user has a face template on this workstation. */
  enrolled: (userId: string) => boolean;
  /** Session events are audited as they happen (issue 12): sign-in attempts, opens, locks, unlocks, ends. */
  audit: (actor: Actor, action: string, subject: AuditSubject, detail: Record<string, unknown>) => void;
  deviceId: string;
}

const clinicalRoles: readonly Role[] = ['physician', 'pharmacist'];

/**
 * The one place that decides what a session may do (issue 9, DESIGN.md "Trust"). A connection (an
 * Electron window, or a loopback-host client) holds at most one session, and at most one password
 * sign-in waiting for its face check.
 *
 * How a session opens: an account with a face template here needs the face check after its
 * password (FACE_REQUIRED); a clinical account without one gets a read-only session, unless the
 * site's policy allows password-only signing; an admin (no clinical role) signs in by password, as
 * the admin's work is the device, not patients, and enrollment needs an admin's session.
 */
export class SessionService {
  private readonly sessions = new Map<string, Session>();
  private readonly idleTimers = new Map<string, () => void>();
  private readonly pending: PendingSignIns;
  private readonly now: () => number;
  private readonly timers: IdleTimers;

  constructor(private readonly deps: SessionServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.timers = deps.timers ?? realTimers;
    this.pending = new PendingSignIns(this.now);
  }

  /**
   * Every password attempt is audited with its outcome (the code a refusal carries); an unknown
   * account under the device, with a digest of the name typed (never the name: it may be a
   * mistyped password), so repeats can be correlated.
   */
  async signIn(connectionId: string, account: string, password: string): Promise<SessionInfo> {
    let checked: { user: UserRow; mode: 'full' | 'read-only'; checkedBy: 'online' | 'offline' };
    try {
      checked = await this.checkPassword(connectionId, account, password);
    } catch (error) {
      const code = error instanceof AppFailure ? error.code : 'INTERNAL';
      this.auditSignIn(account, code === 'FACE_REQUIRED' ? 'face-required' : 'refused', code);
      throw error;
    }
    this.auditSignIn(account, 'accepted');
    return toInfo(this.open(connectionId, checked.user, 'password', checked.mode, checked.checkedBy));
  }

  private auditSignIn(account: string, outcome: 'accepted' | 'face-required' | 'refused', code?: string): void {
    const user = this.deps.users.byAccount(account);
    const actor: Actor = { userId: user?.id ?? 'unknown', sessionId: null, deviceId: this.deps.deviceId };
    const detail = user ? {} : { accountSha256: createHash('sha256').update(account).digest('hex') };
    this.deps.audit(actor, 'auth.sign-in', auditSubject('user', user?.id ?? 'unknown'), { method: 'password', outcome, ...(code ? { code } : {}), ...detail });
  }

  /** The password and the account's state; an enrolled account is held for its face check (FACE_REQUIRED). */
  private async checkPassword(connectionId: string, account: string, password: string): Promise<{ user: UserRow; mode: 'full' | 'read-only'; checkedBy: 'online' | 'offline' }> {
    const checkedBy = this.deps.server ? await this.deps.server.signIn(account, password) : 'offline';
    const user = this.deps.users.byAccount(account);
    if (checkedBy === 'offline') await this.checkOffline(user, password, 'The account or password is incorrect.');
    if (!user) throw new AppFailure('BAD_CREDENTIALS', 'The account or password is incorrect.');
    if (user.suspended) {
      throw new AppFailure('ACCOUNT_SUSPENDED', 'This account is suspended. Contact the hospital IT administrator.');
    }
    if (this.deps.enrolled(user.id)) {
      this.pending.hold(connectionId, user);
      throw new AppFailure('FACE_REQUIRED', 'Password accepted; look at the camera to finish signing in.');
    }
    const clinical = user.roles.some((role) => clinicalRoles.includes(role));
    const mode = !clinical || this.deps.policy().passwordOnlySigning ? 'full' : 'read-only';
    return { user, mode, checkedBy };
  }

  /** No camera at hand: the pending password sign-in opens a read-only session instead. */
  openReadOnly(connectionId: string): SessionInfo {
    const user = this.pending.take(connectionId);
    if (!user) throw new AppFailure('FACE_NO_PENDING_SIGN_IN', 'Sign in with your account and password first.');
    return toInfo(this.open(connectionId, user, 'password', 'read-only'));
  }

  /** The password-checked account waiting on this connection for its face check. */
  pendingSignIn(connectionId: string): UserRow | null {
    return this.pending.peek(connectionId);
  }

  /** An accepted face sign-in attempt of the pending account opens its full session. */
  openByFace(connectionId: string, userId: string): SessionInfo {
    const user = this.pending.peek(connectionId);
    if (!user || user.id !== userId) throw new AppFailure('FACE_NO_PENDING_SIGN_IN', 'Sign in with your account and password first.');
    this.pending.drop(connectionId);
    return toInfo(this.open(connectionId, user, 'face', 'full'));
  }

  /** Only an accepted face check by the locked session's own user unlocks it. */
  unlockByFace(connectionId: string, userId: string): SessionInfo {
    const session = this.sessions.get(connectionId);
    if (!session?.locked || session.userId !== userId) throw new AppFailure('FORBIDDEN', 'Only the user of the locked session can unlock it.');
    session.locked = false;
    this.verified(session, 'face');
    this.deps.audit(this.actorOf(session), 'session.unlock', auditSubject('session', session.sessionId), { verifiedBy: 'face' });
    this.scheduleIdleCheck(connectionId);
    return toInfo(session);
  }

  /** An accepted face step-up: the identity was proven again just now. */
  reverifiedByFace(connectionId: string, userId: string): SessionInfo {
    const session = this.current(connectionId);
    if (!session || session.userId !== userId) throw new AppFailure('UNAUTHENTICATED', 'Sign in first.');
    if (session.locked) throw lockedFailure();
    this.verified(session, 'face');
    this.deps.audit(this.actorOf(session), 'session.reverify', auditSubject('session', session.sessionId), { verifiedBy: 'face' });
    return toInfo(session);
  }

  private verified(session: Session, by: 'password' | 'face'): void {
    session.verifiedBy = by;
    session.verifiedAt = new Date(this.now()).toISOString();
    session.lastActivityAt = this.now();
  }

  /**
   * The connection's session becomes this user's. A session already there ends, audited, e.g. when
   * another user signs in at a locked screen (issue 9): its server token is not this user's.
   */
  private open(connectionId: string, user: UserRow, verifiedBy: 'password' | 'face', mode: 'full' | 'read-only', checkedBy?: 'online' | 'offline'): Session {
    const at = this.now();
    const previous = this.sessions.get(connectionId);
    if (previous) {
      this.deps.audit(this.actorOf(previous), 'session.end', auditSubject('session', previous.sessionId), {
        reason: previous.locked && previous.userId !== user.id ? 'other-user-signed-in-at-locked-screen' : 'signed-in-again',
        nextUserId: user.id,
      });
    }
    this.pending.drop(connectionId);
    const session: Session = {
      sessionId: randomUUID(),
      userId: user.id,
      account: user.account,
      displayName: user.displayName,
      roles: user.roles,
      department: user.department,
      verifiedBy,
      verifiedAt: new Date(at).toISOString(),
      mode,
      locked: false,
      lastActivityAt: at,
    };
    this.sessions.set(connectionId, session);
    this.deps.audit(this.actorOf(session), 'session.open', auditSubject('session', session.sessionId), {
      verifiedBy,
      mode,
      ...(checkedBy ? { passwordCheckedBy: checkedBy } : {}),
    });
    this.scheduleIdleCheck(connectionId);
    return session;
  }

  actorOf(session: Session): Actor {
    return { userId: session.userId, sessionId: session.sessionId, deviceId: this.deps.deviceId };
  }

  /**
   * The offline check: this device's verifier for the account. An unknown account costs the same
   * scrypt work and gets the same message as a wrong password (offlineSignIn.ts); an account with
   * no verifier here (an admin, or one that never signed in here online) needs the server.
   */
  private async checkOffline(user: UserRow | null, password: string, wrong: string): Promise<void> {
    const result = await this.deps.offline.check(user, password);
    if (result === 'no-verifier') {
      throw new AppFailure('SERVER_REQUIRED', 'This account signs in on this workstation only while the hospital server is reachable.');
    }
    if (result === 'invalid') throw new AppFailure('BAD_CREDENTIALS', wrong);
  }

  signOut(connectionId: string): boolean {
    this.pending.drop(connectionId);
    this.idleTimers.get(connectionId)?.();
    this.idleTimers.delete(connectionId);
    const session = this.sessions.get(connectionId);
    if (session) this.deps.audit(this.actorOf(session), 'session.end', auditSubject('session', session.sessionId), { reason: 'signed-out' });
    const had = this.sessions.delete(connectionId);
    if (had) this.deps.onLocked?.(connectionId, 'signed-out');
    return had;
  }

  /**
   * The idle timer (issue 9, item 4): fires after the idle time and locks the session if nothing
   * happened meanwhile, else waits for the rest. The session and the server token stay.
   */
  private scheduleIdleCheck(connectionId: string, ms = this.deps.policy().idleLockMs): void {
    this.idleTimers.get(connectionId)?.();
    this.idleTimers.set(
      connectionId,
      this.timers.after(ms, () => {
        this.idleTimers.delete(connectionId);
        const session = this.sessions.get(connectionId);
        if (!session || session.locked) return;
        const left = this.deps.policy().idleLockMs - (this.now() - session.lastActivityAt);
        if (left <= 0) this.lock(connectionId, session);
        else this.scheduleIdleCheck(connectionId, left);
      }),
    );
  }

  private lock(connectionId: string, session: Session): void {
    session.locked = true;
    this.deps.audit(this.actorOf(session), 'session.lock', auditSubject('session', session.sessionId), { reason: 'idle' });
    this.deps.onLocked?.(connectionId, 'idle');
  }

  /** The connection's session, locked or not, or null. A call after the idle time finds it locked even if the timer is late. */
  current(connectionId: string): Session | null {
    const session = this.sessions.get(connectionId);
    if (!session) return null;
    if (!session.locked && this.now() - session.lastActivityAt > this.deps.policy().idleLockMs) this.lock(connectionId, session);
    return session;
  }

  /**
   * Checks the session may call a channel open to `allowed`, and records the activity. A locked
   * session calls nothing here (face unlock and sign-out are public channels); a read-only one
   * calls no channel marked `requiresVerifiedSession` (shared/ipc/contract.ts); a channel that
   * opens a consultation needs a verification within the policy's window (issue 9: "before each
   * consultation ... a fresh face check"), which a step-up face check renews.
   */
  authorise(connectionId: string, allowed: readonly Role[], needs: { verifiedSession?: boolean; freshVerification?: boolean } = {}): Session {
    const session = this.current(connectionId);
    if (!session) throw new AppFailure('UNAUTHENTICATED', 'Sign in first.');
    if (session.locked) throw lockedFailure();
    if (!session.roles.some((role) => allowed.includes(role))) {
      throw new AppFailure('FORBIDDEN', `This needs one of the roles: ${allowed.join(', ')}.`);
    }
    if (needs.verifiedSession && session.mode === 'read-only') {
      throw new AppFailure('READ_ONLY_SESSION', 'This session was opened without a face check: it can read charts, not sign, review or open consultations.');
    }
    // A password-only site (its policy) has its own strong method and no face to ask for here.
    if (needs.freshVerification && !this.deps.policy().passwordOnlySigning && !this.isFreshlyVerified(session)) {
      throw new AppFailure('CONSULTATION_CHECK_REQUIRED', 'Your last identity check is too old: look at the camera again to open this consultation.');
    }
    session.lastActivityAt = this.now();
    return session;
  }

  /** Whether the identity was proven recently enough to sign or open a consultation. */
  isFreshlyVerified(session: Session): boolean {
    return this.now() - Date.parse(session.verifiedAt) <= this.deps.policy().freshVerificationMs;
  }

  /** Every live session with its connection, for events addressed to a user (review notices). */
  signedIn(): { connectionId: string; session: Session }[] {
    return [...this.sessions.keys()].flatMap((connectionId) => {
      const session = this.current(connectionId);
      return session ? [{ connectionId, session }] : [];
    });
  }

  info(connectionId: string): SessionInfo | null {
    const session = this.current(connectionId);
    return session ? toInfo(session) : null;
  }

  /**
   * Password step-up: only where the site's policy allows password-only signing (issue 9); else
   * the proof is a face check (`face:begin {purpose:'step-up'}`). A wrong password leaves the
   * session as it was.
   */
  async reverify(connectionId: string, password: string): Promise<Session> {
    const session = this.current(connectionId);
    if (!session) throw new AppFailure('UNAUTHENTICATED', 'Sign in first.');
    if (session.locked) throw lockedFailure();
    if (!this.deps.policy().passwordOnlySigning) {
      throw new AppFailure('STEP_UP_REQUIRED', 'This site verifies signatures by face: do a face check instead of typing the password.');
    }
    const user = this.deps.users.byAccount(session.account);
    // Without a verifier here (an admin), only the server can check the password again.
    try {
      const online = user && !this.deps.offline.holds(user.id) && this.deps.server ? await this.deps.server.signIn(session.account, password) : 'offline';
      if (online === 'offline') await this.checkOffline(user, password, 'The password is incorrect.');
    } catch (error) {
      this.deps.audit(this.actorOf(session), 'session.reverify', auditSubject('session', session.sessionId), { verifiedBy: 'password', outcome: 'refused' });
      throw error;
    }
    this.verified(session, 'password');
    this.deps.audit(this.actorOf(session), 'session.reverify', auditSubject('session', session.sessionId), { verifiedBy: 'password', outcome: 'accepted' });
    return session;
  }

  /**
   * May this session perform a signed act now? One question for every signed act: a prescription,
   * an outpatient record (or its amendment), a pharmacist's review decision. Each needs a full
   * session and a verification within `freshVerificationMs`; a high-alert prescription and a review
   * decision need one at the moment of the act, i.e. made for the request itself: an accepted face
   * attempt named by it (signingProofs.ts, <= 60 s, single use), or the password where the policy
   * allows (issues 4, 9 and 11, DESIGN.md "Trust"). A suspended account or a device out of sync for
   * too long (signingFreshness.ts) signs nothing.
   */
  maySign(session: Session, act: SignedAct, facts: { verifiedInRequest: boolean; device: DeviceSyncFacts }): SignDecision {
    if (this.deps.users.byAccount(session.account)?.suspended !== false) {
      return { ok: false, code: 'ACCOUNT_SUSPENDED', message: 'This account is suspended and cannot sign.' };
    }
    if (session.mode === 'read-only') {
      return { ok: false, code: 'READ_ONLY_SESSION', message: 'A session opened without a face check cannot sign.' };
    }
    if (!syncAllowsSigning(facts.device, this.now())) {
      return {
        ok: false,
        code: 'SYNC_REQUIRED',
        message: facts.device.lastSuccessAt === null
          ? 'This workstation has not synced with the hospital server yet; signing waits for the first sync.'
          : 'This workstation has not synced with the hospital server for more than 72 hours; sync before signing.',
      };
    }
    if (needsVerificationAtTheMoment(act) && !facts.verifiedInRequest) {
      return { ok: false, code: 'STEP_UP_REQUIRED', message: 'This needs your face check at the moment of signing.' };
    }
    if (!this.isFreshlyVerified(session)) {
      return { ok: false, code: 'STEP_UP_REQUIRED', message: 'Verify your identity again to sign.' };
    }
    return { ok: true };
  }

  /** Stops the idle timers (the core is closing). */
  close(): void {
    for (const cancel of this.idleTimers.values()) cancel();
    this.idleTimers.clear();
  }
}

/** What is being signed: the kind decides whether a fresh verification is enough or one made for the act is needed. */
export type SignedAct = { kind: 'prescription'; highAlert: boolean } | { kind: 'record' } | { kind: 'review-decision' };

const needsVerificationAtTheMoment = (act: SignedAct): boolean =>
  act.kind === 'review-decision' || (act.kind === 'prescription' && act.highAlert);

export type SignDecision =
  | { ok: true }
  | { ok: false; code: 'STEP_UP_REQUIRED' | 'SYNC_REQUIRED' | 'ACCOUNT_SUSPENDED' | 'READ_ONLY_SESSION'; message: string };

const lockedFailure = () => new AppFailure('SESSION_LOCKED', 'The screen is locked: look at the camera to unlock, or sign out.');

const toInfo = ({ lastActivityAt: _, sessionId: __, ...info }: Session): SessionInfo => info;
