import { create } from 'zustand';
import type { SyncStatus } from '../../../../shared/ipc';
import { invoke, subscribe } from '../../api';

interface SyncState {
  /** Null when this workstation has no hospital server configured. */
  status: SyncStatus | null;
  load: () => Promise<void>;
  syncNow: () => Promise<void>;
}

export const useSync = create<SyncState>((set) => ({
  status: null,
  async load() {
    const result = await invoke('sync:status', {});
    if (result.ok) set({ status: result.value });
  },
  async syncNow() {
    const result = await invoke('sync:now', {});
    if (result.ok) set({ status: result.value });
  },
}));

/** Main reports every round and every pulled page; called once at start. */
export function followSyncEvents(): void {
  subscribe('sync:status', (status) => useSync.setState({ status }));
}
