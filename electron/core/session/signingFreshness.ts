/**
 * DESIGN.md "Trust": a device that has not synced for longer than a configured limit (default
 * 72 h) still reads but no longer signs, so a workstation kept offline cannot go on signing with
 * an account the hospital may have suspended, or against knowledge it has since corrected.
 */
export const defaultMaxSyncAgeMs = 72 * 3_600_000;

export interface DeviceSyncFacts {
  /** `sync_state.last_success_at`, written by the sync worker after a full round; null if never. */
  lastSuccessAt: string | null;
  /** Whether this workstation has a hospital server to sync with at all. */
  serverConfigured: boolean;
}

/**
 * The one rule: sign only when the last successful sync is at most `maxAgeMs` old. A store that has
 * never synced may sign only when no server is configured (a stand-alone demo or test store, whose
 * outbox waits until one is); with a server configured, "never synced" means "not yet", and
 * signing waits for the first sync.
 */
export function syncAllowsSigning(facts: DeviceSyncFacts, nowMs: number, maxAgeMs = defaultMaxSyncAgeMs): boolean {
  if (facts.lastSuccessAt === null) return !facts.serverConfigured;
  const at = Date.parse(facts.lastSuccessAt);
  return Number.isFinite(at) && nowMs - at <= maxAgeMs;
}
