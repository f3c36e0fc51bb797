import type { AdminDeviceView, AdminOutboxItem, OutboxExport } from '../../../shared/ipc/adminChannels';
import { subjectOf } from '../../../shared/audit/subjects';
import { AppFailure } from '../../../shared/result';
import { renewDeviceRegistration, type DeviceIdentity } from '../device/deviceIdentity';
import { auditLog, type Actor } from '../store/audit';
import type { Db } from '../store/database';
import { outboxTable, type OutboxEntry } from '../store/outbox';
import { syncStateTable } from '../sync/syncState';
import type { SyncWorker } from '../sync/syncWorker';

export interface DeviceAdminDeps {
  db: Db;
  device: DeviceIdentity;
  /** Null when no hospital server is configured. */
  sync: SyncWorker | null;
  now: () => number;
}

/**
 * What a workstation admin may do to this device (DESIGN.md "Trust": a revoked device's pending
 * outbox is quarantined, never dropped; an admin can release or export it). Each action writes its
 * audit entry in the same local transaction as its effect, so neither exists without the other.
 */
export function deviceAdmin({ db, device, sync, now }: DeviceAdminDeps) {
  const outbox = outboxTable(db, now);
  const audit = auditLog(db, now);
  const state = syncStateTable(db);
  const subject = () => subjectOf.device(device.localId);
  const stranded = () => outbox.needingAdmin();

  return {
    overview(): AdminDeviceView {
      return {
        localId: device.localId,
        serverDeviceId: device.serverDeviceId,
        link: sync ? sync.current().link : null,
        lastSuccessAt: state.lastSuccessAt(),
        counts: outbox.counts(),
        items: stranded().map(itemView),
        feedRewind: state.feedRewind(),
      };
    },

    /** Back to pending: the next round pushes them, each with its author's token. */
    release(actor: Actor): { released: number } {
      return db.transaction(() => {
        const released = outbox.releaseQuarantine();
        audit.append(actor, 'admin.outbox-release', subject(), { released });
        return { released };
      })();
    },

    /** Read and audited in one transaction, so the audit names exactly what was exported. */
    exportOutbox(actor: Actor): OutboxExport {
      return db.transaction(() => {
        const entries = stranded();
        audit.append(actor, 'admin.outbox-export', subject(), {
          mutationIds: entries.map((e) => e.mutation.mutationId),
        });
        return {
          format: 'caredesk.outbox-export/1' as const,
          exportedAt: new Date(now()).toISOString(),
          exportedBy: actor.userId,
          device: { localId: device.localId, serverDeviceId: device.serverDeviceId },
          entries: entries.map((e) => ({
            authorId: e.userId,
            state: e.state === 'held' ? ('held' as const) : ('quarantined' as const),
            reason: e.lastError,
            mutation: e.mutation,
          })),
        };
      })();
    },

    /**
     * For a device the server revoked: register anew with a new key (IT approves the new
     * registration). Tokens issued to the old registration are dead on the server, and one that
     * stayed would answer DEVICE_REVOKED again, so every user signs in afresh.
     */
    /**
     * `requestedBy`: the admin account whose sign-in met the revocation (session/serverSignIn.ts),
     * when no admin session exists here to do it (an admin has no offline verifier).
     */
    reregister(actor: Actor, requestedBy?: string): { serverDeviceId: null } {
      if (!sync) throw new AppFailure('CONFLICT', 'No hospital server is configured on this workstation.');
      if (requestedBy === undefined && sync.current().link !== 'revoked') {
        throw new AppFailure('CONFLICT', 'Only a workstation the hospital server has revoked can register again.');
      }
      const previous = device.serverDeviceId;
      const keys = db.transaction(() => {
        const renewed = renewDeviceRegistration(db);
        for (const userId of state.usersWithTokens()) state.dropToken(userId);
        audit.append(actor, 'admin.device-reregister', subject(), { previousServerDeviceId: previous, ...(requestedBy === undefined ? {} : { requestedBy }) });
        return renewed;
      })();
      Object.assign(device, keys, { serverDeviceId: null });
      return { serverDeviceId: null };
    },
  };
}
export type DeviceAdmin = ReturnType<typeof deviceAdmin>;

/** Ids only: the kind, the patient and the mutation are enough to recognise a change. */
function itemView(entry: OutboxEntry): AdminOutboxItem {
  const { mutation } = entry;
  return {
    mutationId: mutation.mutationId,
    kind: mutation.kind,
    patientId: 'patientId' in mutation.payload ? mutation.payload.patientId : null,
    authorId: entry.userId,
    clientTime: mutation.clientTime,
    state: entry.state === 'held' ? 'held' : 'quarantined',
    reason: entry.lastError,
  };
}
