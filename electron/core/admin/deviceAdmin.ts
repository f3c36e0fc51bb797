import type { AdminDeviceView, AdminOutboxItem, OutboxExport, QuarantineContents } from '../../../shared/ipc/adminChannels';
import { subjectOf } from '../../../shared/audit/subjects';
import { AppFailure } from '../../../shared/result';
import { renewDeviceRegistration, type DeviceIdentity } from '../device/deviceIdentity';
import { auditLog, type Actor } from '../store/audit';
import type { Db } from '../store/database';
import { outboxTable, type OutboxEntry } from '../store/outbox';
import { syncStateTable } from '../sync/syncState';
import { sealQuarantine } from './quarantineArchive';
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
  const lastExport = db.prepare<[], { detail: string }>(
    `SELECT detail FROM audit_log WHERE action = 'admin.quarantine-export' ORDER BY seq DESC LIMIT 1`,
  );
  const lastExportedIds = (): string[] => {
    const row = lastExport.get();
    return row ? (JSON.parse(row.detail) as { mutationIds: string[] }).mutationIds : [];
  };

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
          entries: entries.map(exportEntry),
        };
      })();
    },

    /**
     * The quarantine archive (issue 12): every held and quarantined change and the whole audit
     * chain, read in the transaction that audits the export, so the chain in the archive ends
     * with that entry and names exactly the changes it holds. Sealed with the admin's passphrase.
     */
    async exportQuarantine(actor: Actor, passphrase: string) {
      const contents = db.transaction((): QuarantineContents => {
        const entries = stranded();
        audit.append(actor, 'admin.quarantine-export', subject(), { mutationIds: entries.map((e) => e.mutation.mutationId) });
        return {
          format: 'caredesk.quarantine/1',
          exportedAt: new Date(now()).toISOString(),
          exportedBy: actor.userId,
          device: { localId: device.localId, serverDeviceId: device.serverDeviceId },
          outbox: entries.map(exportEntry),
          audit: audit.entriesAfter(0, Number.MAX_SAFE_INTEGER),
        };
      })();
      return {
        archive: await sealQuarantine(contents, passphrase),
        mutations: contents.outbox.length,
        auditEntries: contents.audit.length,
        exportedAt: contents.exportedAt,
      };
    },

    /**
     * Drops the held and quarantined changes once an archive holds them: refused unless the last
     * quarantine export named every one (a change stranded since then needs a new export first).
     * The audit log is append-only and stays; it goes up with the next registration's upload.
     */
    clearQuarantine(actor: Actor): { cleared: number } {
      return db.transaction(() => {
        const exported = new Set(lastExportedIds());
        const entries = stranded();
        const missing = entries.filter((e) => !exported.has(e.mutation.mutationId));
        if (missing.length > 0) {
          throw new AppFailure('QUARANTINE_NOT_EXPORTED', `${missing.length} change(s) are in no exported archive yet: export the quarantine first.`);
        }
        for (const entry of entries) outbox.discard(entry.mutation.mutationId);
        audit.append(actor, 'admin.quarantine-clear', subject(), { mutationIds: entries.map((e) => e.mutation.mutationId) });
        return { cleared: entries.length };
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

/** An entry as exported: the wire mutation with its author, who pushes it with their own token. */
function exportEntry(e: OutboxEntry): OutboxExport['entries'][number] {
  return { authorId: e.userId, state: e.state === 'held' ? 'held' : 'quarantined', reason: e.lastError, mutation: e.mutation };
}

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
