import { create } from 'zustand';
import type { SessionInfo } from '../../../../shared/ipc';
import type { AppError } from '../../../../shared/result';
import { invoke, subscribe } from '../../api';

interface SessionState {
  status: 'loading' | 'signed-out' | 'signing-in' | 'signed-in';
  session: SessionInfo | null;
  error: AppError | null;
  /** Why the last session ended without the user asking (idle lock), for the sign-in screen. */
  lockedReason: 'idle' | 'expired' | null;
  load: () => Promise<void>;
  signIn: (account: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

export const useSession = create<SessionState>((set) => ({
  status: 'loading',
  session: null,
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
    if (result.ok) set({ status: 'signed-in', session: result.value, lockedReason: null });
    else set({ status: 'signed-out', error: result.error });
  },
  async signOut() {
    await invoke('auth:signOut', {});
    set({ status: 'signed-out', session: null, error: null });
  },
}));

/** Follows main's session events (idle lock); called once at start. */
export function followSessionEvents(): void {
  subscribe('session:locked', ({ reason }) => {
    useSession.setState({ status: 'signed-out', session: null, lockedReason: reason === 'signed-out' ? null : reason });
  });
}
