import { randomUUID } from 'node:crypto';
import type { Role } from '../../../shared/domain/roles';
import type { SessionInfo } from '../../../shared/ipc';
import { AppFailure } from '../../../shared/result';
import type { UserRow, UsersTable } from '../store/users';
import type { OfflineSignIn } from './offlineSignIn';
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

export interface SessionPolicy {
  /** Idle time after which the screen locks and the session ends. */
  idleLockMs: number;
  /** How recent a verification must be to open a consultation or sign. */
  freshVerificationMs: number;
}

export const defaultSessionPolicy: SessionPolicy = { idleLockMs: 10 * 60_000, freshVerificationMs: 5 * 60_000 };

/**
 * The one place that decides what a session may do. A connection (an Electron window, or a
 * loopback-host client) holds at most one session. Until face sign-in lands, a password session
 * counts as verified; face sign-in changes only this service.
 */
export class SessionService {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly users: UsersTable,
    private readonly offline: OfflineSignIn,
    private readonly policy: SessionPolicy = defaultSessionPolicy,
    private readonly now: () => number = Date.now,
    private readonly onLocked: (connectionId: string, reason: 'idle' | 'signed-out') => void = () => {},
    /** The hospital server, when one is configured: it has the last word on accounts. */
    private readonly server: ServerSignIn | null = null,
  ) {}

  async signIn(connectionId: string, account: string, password: string): Promise<SessionInfo> {
    const checkedBy = this.server ? await this.server.signIn(account, password) : 'offline';
    const user = this.users.byAccount(account);
    if (checkedBy === 'offline') await this.checkOffline(user, password, 'The account or password is incorrect.');
    if (!user) throw new AppFailure('BAD_CREDENTIALS', 'The account or password is incorrect.');
    if (user.suspended) {
      throw new AppFailure('ACCOUNT_SUSPENDED', 'This account is suspended. Contact the hospital IT administrator.');
    }
    const at = this.now();
    const session: Session = {
      sessionId: randomUUID(),
      userId: user.id,
      account: user.account,
      displayName: user.displayName,
      roles: user.roles,
      department: user.department,
      verifiedBy: 'password',
      verifiedAt: new Date(at).toISOString(),
      lastActivityAt: at,
    };
    this.sessions.set(connectionId, session);
    return toInfo(session);
  }

  /**
   * The offline check: this device's verifier for the account. An unknown account costs the same
   * scrypt work and gets the same message as a wrong password (offlineSignIn.ts); an account with
   * no verifier here (an admin, or one that never signed in here online) needs the server.
   */
  private async checkOffline(user: UserRow | null, password: string, wrong: string): Promise<void> {
    const result = await this.offline.check(user, password);
    if (result === 'no-verifier') {
      throw new AppFailure('SERVER_REQUIRED', 'This account signs in on this workstation only while the hospital server is reachable.');
    }
    if (result === 'invalid') throw new AppFailure('BAD_CREDENTIALS', wrong);
  }

  signOut(connectionId: string): boolean {
    const had = this.sessions.delete(connectionId);
    if (had) this.onLocked(connectionId, 'signed-out');
    return had;
  }

  /** The live session of a connection, or null; an idle session is ended here. */
  current(connectionId: string): Session | null {
    const session = this.sessions.get(connectionId);
    if (!session) return null;
    if (this.now() - session.lastActivityAt > this.policy.idleLockMs) {
      this.sessions.delete(connectionId);
      this.onLocked(connectionId, 'idle');
      return null;
    }
    return session;
  }

  /** Checks the session may call a channel open to `allowed`, and records the activity. */
  authorise(connectionId: string, allowed: readonly Role[]): Session {
    const session = this.current(connectionId);
    if (!session) throw new AppFailure('UNAUTHENTICATED', 'Sign in first.');
    if (!session.roles.some((role) => allowed.includes(role))) {
      throw new AppFailure('FORBIDDEN', `This needs one of the roles: ${allowed.join(', ')}.`);
    }
    session.lastActivityAt = this.now();
    return session;
  }

  /** Whether the identity was proven recently enough to sign or open a consultation. */
  isFreshlyVerified(session: Session): boolean {
    return this.now() - Date.parse(session.verifiedAt) <= this.policy.freshVerificationMs;
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
   * Step-up: proves again that the person at the screen is the session's user. Until face sign-in
   * exists, the proof is the password (DESIGN.md "Trust"); a wrong one leaves the session as it was.
   */
  async reverify(connectionId: string, password: string): Promise<Session> {
    const session = this.current(connectionId);
    if (!session) throw new AppFailure('UNAUTHENTICATED', 'Sign in first.');
    const user = this.users.byAccount(session.account);
    // Without a verifier here (an admin), only the server can check the password again.
    const online = user && !this.offline.holds(user.id) && this.server ? await this.server.signIn(session.account, password) : 'offline';
    if (online === 'offline') await this.checkOffline(user, password, 'The password is incorrect.');
    session.verifiedBy = 'password';
    session.verifiedAt = new Date(this.now()).toISOString();
    session.lastActivityAt = this.now();
    return session;
  }

  /**
   * May this session sign now? Signing needs a verification within `freshVerificationMs`; a
   * high-alert drug needs one at the moment of signing, i.e. made by the sign request itself
   * (issue 4, DESIGN.md "Trust"); a suspended account or a device out of sync for too long
   * (signingFreshness.ts) signs nothing.
   */
  maySign(session: Session, facts: { highAlert: boolean; verifiedInRequest: boolean; device: DeviceSyncFacts }): SignDecision {
    if (this.users.byAccount(session.account)?.suspended !== false) {
      return { ok: false, code: 'ACCOUNT_SUSPENDED', message: 'This account is suspended and cannot sign.' };
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
    if (facts.highAlert && !facts.verifiedInRequest) {
      return { ok: false, code: 'STEP_UP_REQUIRED', message: 'A high-alert medication needs your verification at the moment of signing.' };
    }
    if (!this.isFreshlyVerified(session)) {
      return { ok: false, code: 'STEP_UP_REQUIRED', message: 'Verify your identity again to sign.' };
    }
    return { ok: true };
  }
}

export type SignDecision = { ok: true } | { ok: false; code: 'STEP_UP_REQUIRED' | 'SYNC_REQUIRED' | 'ACCOUNT_SUSPENDED'; message: string };

const toInfo = ({ lastActivityAt: _, sessionId: __, ...info }: Session): SessionInfo => info;
