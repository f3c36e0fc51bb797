import { create } from 'zustand';
import type { SessionInfo } from '../../../../shared/ipc';
import type { AppError } from '../../../../shared/result';
import { invoke, subscribe } from '../../api';

/**
 * Where the user is in signing in (issue 9): the password first; then, with a template here, the
 * face step ('face'); without one, the offer of a read-only session ('no-template'). A signed-in
 * session may be locked by the idle timer: it stays, behind the lock screen. A password an admin
 * set must first be replaced ('password-change', issue 12), then the new one signs in.
 */
type Status = 'loading' | 'signed-out' | 'signing-in' | 'face' | 'no-template' | 'password-change' | 'signed-in';

interface SessionState {
  status: Status;
  session: SessionInfo | null;
  /** The account whose password main accepted and which now needs the face step. */
  pendingAccount: string | null;
  error: AppError | null;
  /** Why the last session ended without the user asking, for the sign-in screen. */
  lockedReason: 'idle' | 'expired' | null;
  load: () => Promise<void>;
  signIn: (account: string, password: string) => Promise<void>;
  /** The face step (sign-in or unlock) opened or unlocked this session. */
  verified: (session: SessionInfo) => void;
  openReadOnly: () => Promise<void>;
  signOut: () => Promise<void>;
  /** Replaces an admin-set password with the server, then signs in with the new one. */
  changePassword: (current: string, next: string) => Promise<void>;
}

export const useSession = create<SessionState>((set, get) => ({
  status: 'loading',
  session: null,
  pendingAccount: null,
  error: null,
  lockedReason: null,
  async load() {
    const result = await invoke('auth:current', {});
    const session = result.ok ? result.value : null;
    set({ session, status: session ? 'signed-in' : 'signed-out', error: result.ok ? null : result.error });
  },
  async signIn(account, password) {
    set({ status: 'signing-in', error: null });
    const result = await invoke('auth:signIn', { account, password });
    if (result.ok) return set({ status: 'signed-in', session: result.value, pendingAccount: null, lockedReason: null });
    // The password was right; main keeps it as this connection's pending sign-in (faceChannels.ts).
    if (result.error.code === 'FACE_REQUIRED') return set({ status: 'face', pendingAccount: account, error: null });
    if (result.error.code === 'FACE_NOT_ENROLLED') return set({ status: 'no-template', pendingAccount: account, error: null });
    if (result.error.code === 'PASSWORD_CHANGE_REQUIRED') return set({ status: 'password-change', pendingAccount: account, error: null });
    set({ status: 'signed-out', error: result.error });
  },
  verified(session) {
    set({ status: 'signed-in', session, pendingAccount: null, error: null, lockedReason: null });
  },
  async openReadOnly() {
    const result = await invoke('auth:openReadOnly', {});
    if (result.ok) set({ status: 'signed-in', session: result.value, pendingAccount: null, error: null, lockedReason: null });
    else set({ status: 'signed-out', pendingAccount: null, error: result.error });
  },
  async changePassword(current, next) {
    const account = get().pendingAccount;
    if (!account) return;
    const result = await invoke('auth:changePassword', { account, passwords: { oldPassword: current, newPassword: next } });
    if (!result.ok) return set({ error: result.error });
    await get().signIn(account, next);
  },
  async signOut() {
    await invoke('auth:signOut', {});
    set({ status: 'signed-out', session: null, pendingAccount: null, error: null });
  },
}));

/** True when the session was opened by password alone: it reads, it does not sign (issue 9). */
export const useReadOnly = (): boolean => useSession((s) => s.session?.mode === 'read-only');

/** Follows main's session events (idle lock); called once at start. */
export function followSessionEvents(): void {
  subscribe('session:locked', ({ reason }) => {
    // Idle keeps the session and its server token: only the lock screen goes up (issue 9).
    if (reason === 'idle') {
      const { session } = useSession.getState();
      if (session) return useSession.setState({ session: { ...session, locked: true } });
    }
    useSession.setState({ status: 'signed-out', session: null, pendingAccount: null, lockedReason: reason === 'signed-out' ? null : reason });
  });
}
