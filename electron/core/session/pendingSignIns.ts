import type { UserRow } from '../store/users';

/**
 * A password checked, waiting for its face check (issue 9): bound to the connection that typed it,
 * for a few minutes, and used once (a face sign-in or a read-only session ends it).
 */
export const PENDING_SIGN_IN_MS = 5 * 60_000;

export class PendingSignIns {
  private readonly pending = new Map<string, { user: UserRow; at: number }>();

  constructor(private readonly now: () => number) {}

  hold(connectionId: string, user: UserRow): void {
    this.pending.set(connectionId, { user, at: this.now() });
  }

  peek(connectionId: string): UserRow | null {
    const entry = this.pending.get(connectionId);
    if (!entry) return null;
    if (this.now() - entry.at > PENDING_SIGN_IN_MS) {
      this.pending.delete(connectionId);
      return null;
    }
    return entry.user;
  }

  take(connectionId: string): UserRow | null {
    const user = this.peek(connectionId);
    this.pending.delete(connectionId);
    return user;
  }

  drop(connectionId: string): void {
    this.pending.delete(connectionId);
  }
}
