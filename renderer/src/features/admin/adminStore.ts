import { create } from 'zustand';
import type { AdminDeviceView } from '../../../../shared/ipc/adminChannels';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api';
import { useSync } from '../sync/syncStore';
import { saveJson } from './saveJson';

type Action = 'release' | 'export' | 'reregister' | 'seal' | 'clear';

interface AdminState {
  view: AdminDeviceView | null;
  error: AppError | null;
  busy: Action | null;
  /** The last action that went through, for a one-line confirmation. */
  done: { action: Action; count: number } | null;
  load: () => Promise<void>;
  release: () => Promise<void>;
  exportOutbox: () => Promise<void>;
  reregister: () => Promise<void>;
  /** The quarantine archive (outbox and audit chain), sealed with the passphrase the admin typed. */
  exportQuarantine: (passphrase: string) => Promise<void>;
  clearQuarantine: () => Promise<void>;
}

/** The admin screen's state: a cache of main's device view, refreshed after each action. */
export const useAdmin = create<AdminState>((set, get) => {
  /** Runs one action, then reloads the view (counts and items change with it). */
  const act = async (action: Action, run: () => Promise<{ ok: true; count: number } | { ok: false; error: AppError }>) => {
    set({ busy: action, error: null, done: null });
    const result = await run();
    set(result.ok ? { busy: null, done: { action, count: result.count } } : { busy: null, error: result.error });
    await get().load();
  };
  return {
    view: null,
    error: null,
    busy: null,
    done: null,
    async load() {
      const result = await invoke('admin:device', {});
      set(result.ok ? { view: result.value } : { error: result.error });
    },
    release: () =>
      act('release', async () => {
        const result = await invoke('admin:outbox:release', {});
        // The worker pushes at its next round; ask for it now rather than in ten seconds.
        if (result.ok) void useSync.getState().syncNow();
        return result.ok ? { ok: true, count: result.value.released } : result;
      }),
    exportOutbox: () =>
      act('export', async () => {
        const result = await invoke('admin:outbox:export', {});
        if (!result.ok) return result;
        const stamp = result.value.exportedAt.replace(/[:.]/g, '-');
        saveJson(result.value, `caredesk-outbox-${result.value.device.localId}-${stamp}.json`);
        return { ok: true, count: result.value.entries.length };
      }),
    exportQuarantine: (passphrase) =>
      act('seal', async () => {
        const result = await invoke('admin:quarantine:export', { passphrase });
        if (!result.ok) return result;
        const stamp = result.value.exportedAt.replace(/[:.]/g, '-');
        saveJson(result.value.archive, `caredesk-quarantine-${get().view?.localId ?? 'device'}-${stamp}.json`);
        return { ok: true, count: result.value.mutations };
      }),
    clearQuarantine: () =>
      act('clear', async () => {
        const result = await invoke('admin:quarantine:clear', {});
        return result.ok ? { ok: true, count: result.value.cleared } : result;
      }),
    reregister: () =>
      act('reregister', async () => {
        const result = await invoke('admin:device:reregister', {});
        if (result.ok) void useSync.getState().syncNow();
        return result.ok ? { ok: true, count: 0 } : result;
      }),
  };
});
