import { randomUUID } from 'node:crypto';
import type { Role } from '../../../shared/domain/roles';
import type { SessionInfo } from '../../../shared/ipc';
import { AppFailure } from '../../../shared/result';
import { hashPassword, verifyPassword } from '../../../server/auth/password';
import type { UsersTable } from '../store/users';

export interface Session extends SessionInfo {
  lastActivityAt: number;
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
  private decoy: Promise<string> | null = null;

  constructor(
    private readonly users: UsersTable,
    private readonly policy: SessionPolicy = defaultSessionPolicy,
    private readonly now: () => number = Date.now,
    private readonly onLocked: (connectionId: string, reason: 'idle' | 'signed-out') => void = () => {},
  ) {}

  async signIn(connectionId: string, account: string, password: string): Promise<SessionInfo> {
    const user = this.users.byAccount(account);
    // An unknown account costs the same scrypt work and gets the same message as a wrong password,
    // so neither timing nor wording tells which accounts exist.
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.decoyHash()));
    if (!user || !valid) {
      throw new AppFailure('BAD_CREDENTIALS', 'The account or password is incorrect.');
    }
    if (user.suspended) {
      throw new AppFailure('ACCOUNT_SUSPENDED', 'This account is suspended. Contact the hospital IT administrator.');
    }
    const at = this.now();
    const session: Session = {
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

  private decoyHash(): Promise<string> {
    this.decoy ??= hashPassword(randomUUID());
    return this.decoy;
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

  info(connectionId: string): SessionInfo | null {
    const session = this.current(connectionId);
    return session ? toInfo(session) : null;
  }
}

const toInfo = ({ lastActivityAt: _, ...info }: Session): SessionInfo => info;
