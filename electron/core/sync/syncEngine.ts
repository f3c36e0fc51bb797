import type { IssuedCertificate } from '../../../shared/signing/certificate';
import { subjectOf } from '../../../shared/audit/subjects';
import { createPrivateKey, sign } from 'node:crypto';
import { maxAuditBatch } from '../../../shared/audit/chain';
import { ChangePasswordResponse } from '../../../shared/sync/passwordChange';
import { maxPullLimit, tokenChallengeMessage, type AccountView, type PullResponse, type PushResult, type WireTable } from '../../../shared/sync';
import { rememberServerDeviceId, type DeviceIdentity } from '../device/deviceIdentity';
import type { Actor } from '../store/audit';
import { auditLog } from '../store/audit';
import type { Db } from '../store/database';
import { offlineVerifiersTable } from '../store/offlineVerifiers';
import { outboxTable } from '../store/outbox';
import { patientScopeTable } from '../store/patientScope';
import { changeApplier, withoutForeignKeys } from './applyChanges';
import { deregistrationWipe } from './deregistrationWipe';
import { recoverFromRewind, rewindOf, settledRetentionMs } from './feedRewind';
import { refreshOfflineVerifiers } from './offlineVerifierRefresh';
import { pullProgress, type PullProgress } from './pullProgress';
import { evictedTables, scopeEviction } from './scopeEviction';
import { OfflineError, ServerRefusal, type ServerClient } from './serverClient';
import { syncStateTable } from './syncState';

/**
 * Mutations per push request (the server takes up to `maxBatch`, wire.ts). Small enough that a
 * request ends well inside the client's timeout on a loaded server: a push that times out is sent
 * again while the first copy still runs, and the server then does the work twice (the copy waits
 * on the original's locks, then finds every id taken). Two of the server's groups (push.ts).
 */
const pushBatchSize = 100;

export type LinkState = 'online' | 'offline' | 'pending-approval' | 'revoked';

export interface SyncReport {
  link: LinkState;
  /** Why the link is not online, for a person (e.g. the server's certificate failed its pin). */
  reason: string | null;
  pushed: number;
  pulled: number;
  tables: WireTable[];
  /**
   * Why the server refuses this workstation's audit chain (e.g. an entry altered after it was
   * written), as it stands after the round; null while the server accepts it. Clinical sync goes on.
   */
  auditRefused: string | null;
}

/**
 * One round of sync: push the outbox, upload the audit entries the server does not hold yet, then
 * pull each signed-in user's scope. Each pushed batch's answers and each pulled page are committed
 * in one local transaction together with the state that records them, so a crash at any point
 * repeats work but never loses or doubles it (an audit batch sent twice is a harmless replay).
 */
export class SyncEngine {
  private readonly outbox;
  private readonly state;
  private readonly audit;
  private readonly apply;
  private readonly scope;
  private readonly verifiers;
  private readonly eviction;
  private readonly wipe;
  /** Set when a pull found the feed gone back in time (feedRewind.ts): the round starts over once. */
  private rewound = false;
  /** The link state of the last round audited (null before the first): a change is audited even when nothing moved. */
  private lastAuditedLink: LinkState | null = null;

  constructor(
    private readonly db: Db,
    private readonly client: ServerClient,
    private readonly device: DeviceIdentity,
    private readonly deviceName: string,
    private readonly now: () => number = Date.now,
    // The largest page the server gives: a first download commits once per page, and a commit
    // (its WAL frames, each page encrypted) cost more than the rows' inserts did (issue 8).
    private readonly pullPageSize = maxPullLimit,
    private readonly log: (line: string) => void = (line) => console.error(line),
  ) {
    this.outbox = outboxTable(db, now);
    this.state = syncStateTable(db);
    this.audit = auditLog(db, now);
    // A roaming template arriving or leaving is on this device's audit record (never the template).
    this.apply = changeApplier(db, (event) =>
      this.audit.append(this.systemActor(), event.change === 'received' ? 'face.roaming-received' : 'face.roaming-removed', subjectOf.user(event.userId), { version: event.version, state: event.state }));
    this.scope = patientScopeTable(db);
    this.verifiers = offlineVerifiersTable(db, now);
    this.eviction = scopeEviction(db);
    this.wipe = deregistrationWipe(db);
  }

  /** The server's id for this device, registering it on first contact. */
  async serverDeviceId(): Promise<string> {
    if (this.device.serverDeviceId) return this.device.serverDeviceId;
    const { deviceId } = await this.client.registerDevice(this.deviceName, this.device.publicKeySpkiBase64);
    rememberServerDeviceId(this.db, deviceId);
    this.device.serverDeviceId = deviceId;
    return deviceId;
  }

  /**
   * Asks the server for a token for this user on this device, proving the device's key by signing
   * the server's challenge. The token is kept so the user's changes can leave the outbox later.
   */
  async signInRemote(account: string, password: string): Promise<{ user: AccountView; offlineVerifier: boolean; passwordChangeRequired: boolean }> {
    const { token, expiresAt, user, offlineVerifier, passwordChangeRequired } = await this.requestToken(account, password);
    // A password-change token serves nothing else (issue 12): it is not kept for sync.
    if (!passwordChangeRequired) this.state.setToken(user.id, { token, expiresAt });
    return { user, offlineVerifier, passwordChangeRequired };
  }

  /**
   * The account chooses its own password (POST /auth/password, with the request proof), after
   * signing in with the old one. The server ends every token of the account with it, so the one
   * kept here goes too; the caller signs in again with the new password.
   */
  async changePassword(account: string, oldPassword: string, newPassword: string): Promise<AccountView> {
    const { token, user } = await this.requestToken(account, oldPassword);
    await this.client.call('POST', '/auth/password', ChangePasswordResponse, { token, body: { oldPassword, newPassword } });
    this.state.dropToken(user.id);
    return user;
  }

  private async requestToken(account: string, password: string) {
    const deviceId = await this.serverDeviceId();
    const { challengeId, nonce } = await this.client.challenge(deviceId);
    const signature = sign(
      null,
      Buffer.from(tokenChallengeMessage(deviceId, account, nonce)),
      createPrivateKey(this.device.privateKeyPem),
    ).toString('base64');
    return this.client.token({ account, password, deviceId, challengeId, signature });
  }

  /** The user's SM2 signing key to the hospital CA (issue 8, item 11), with the user's fresh token. */
  async registerSigningKey(userId: string, publicKey: string, prove: (serverDeviceId: string) => string): Promise<IssuedCertificate> {
    const deviceId = await this.serverDeviceId();
    const token = this.state.token(userId);
    if (!token) throw new Error('registering a signing key needs the user signed in online');
    return this.client.registerSigningKey(token.token, { publicKey, proof: prove(deviceId) });
  }

  /** `onPage` hears of every pulled page, for the first download's progress bar. */
  async syncOnce(onPage: (pulledSoFar: number, progress: PullProgress | null) => void = () => {}): Promise<SyncReport> {
    const report: SyncReport = { link: 'online', reason: null, pushed: 0, pulled: 0, tables: [], auditRefused: this.state.auditRefusal()?.message ?? null };
    try {
      const deviceId = await this.serverDeviceId();
      this.outbox.purgeSettledBefore(new Date(this.now() - settledRetentionMs));
      const touched = new Set<WireTable>();
      // A second pass only after the feed was found to have gone back in time: resend, pull from 0.
      for (let pass = 0; pass < 2; pass++) {
        this.rewound = false;
        const users = this.state.usersWithTokens();
        report.pushed += await this.push(deviceId, users);
        report.auditRefused = await this.uploadAudit(deviceId);
        if (pass === 0) await refreshOfflineVerifiers({ db: this.db, client: this.client, state: this.state, verifiers: this.verifiers, audit: this.audit, actor: this.systemActor() });
        for (const userId of users) {
          if (this.rewound) break;
          report.pulled += await this.pull(userId, touched, (n, progress) => onPage(report.pulled + n, progress));
        }
        if (!this.rewound) break;
      }
      report.tables = [...touched];
      this.state.setLastSuccessAt(new Date(this.now()).toISOString());
      // The round's own entry goes up with it, so the server's copy ends where this device's does.
      if (this.auditRound(report)) report.auditRefused = await this.uploadAudit(deviceId);
    } catch (error) {
      report.link = this.linkStateFor(error);
      report.reason = error instanceof Error ? (error instanceof OfflineError ? error.reason : error.message) : null;
      this.auditRound(report);
    }
    return report;
  }

  /**
   * One entry per sync round that moved something or changed the link's state (issue 12): idle
   * rounds every few seconds would bury the log. It reaches the server with the next round's upload.
   */
  private auditRound(report: SyncReport): boolean {
    if (report.pushed === 0 && report.pulled === 0 && report.link === this.lastAuditedLink) return false;
    this.lastAuditedLink = report.link;
    this.audit.append(this.systemActor(), 'sync.round', subjectOf.device(this.device.localId), {
      link: report.link,
      pushed: report.pushed,
      pulled: report.pulled,
      tables: report.tables,
    });
    return true;
  }

  private linkStateFor(error: unknown): LinkState {
    if (error instanceof OfflineError) return 'offline';
    if (error instanceof ServerRefusal && error.code === 'DEVICE_PENDING') return 'pending-approval';
    if (error instanceof ServerRefusal && error.code === 'DEVICE_REVOKED') {
      this.meetRevocation(error.message);
      return 'revoked';
    }
    throw error;
  }

  /**
   * The server has revoked this device (met by a sync round or a sign-in): in one transaction the
   * outbox is quarantined, never dropped (an admin releases or exports it with the audit chain,
   * admin/deviceAdmin.ts), and the cached copies of server data are wiped (deregistrationWipe.ts).
   * Every round that meets the revocation does it again: a copy arriving meanwhile goes too.
   */
  meetRevocation(reason: string): void {
    this.db.transaction(() => {
      const quarantined = this.outbox.quarantineAll(reason);
      const wiped = this.wipe();
      this.audit.append(this.systemActor(), 'sync.device-revoked', subjectOf.device(this.device.localId), { quarantined, wiped });
    })();
  }

  private async push(deviceId: string, usersWithTokens: string[]): Promise<number> {
    let pushed = 0;
    for (const userId of usersWithTokens) {
      const token = this.state.token(userId)!.token;
      for (;;) {
        const batch = this.outbox.pendingFor(userId, pushBatchSize);
        if (batch.length === 0) break;
        let results: PushResult[];
        try {
          ({ results } = await this.client.push(token, { deviceId, batch: batch.map((entry) => entry.mutation) }));
        } catch (error) {
          if (error instanceof ServerRefusal && error.code === 'UNAUTHENTICATED') {
            // The token expired or was ended: this user's changes wait for their next sign-in.
            this.state.dropToken(userId);
            break;
          }
          if (!isRefusalOfUser(error)) throw error;
          // Refused for this user or this batch (a suspended account, a 413, a 400 from an older
          // server): held with the reason for the admin screen, never dropped, and the other users
          // of this workstation go on (issue 8, item 2). A suspended account's whole outbox waits.
          const held = error.code === 'ACCOUNT_SUSPENDED' ? this.outbox.pendingFor(userId, Number.MAX_SAFE_INTEGER) : batch;
          this.holdRefused(userId, held.map((entry) => entry.mutation.mutationId), error);
          if (error.code === 'ACCOUNT_SUSPENDED') break;
          continue;
        }
        const retry = this.settle(userId, results);
        pushed += results.length - retry;
        if (retry === results.length) break; // only dependencies missing: try again next round
      }
    }
    return pushed;
  }

  private holdRefused(userId: string, mutationIds: readonly string[], refusal: ServerRefusal): void {
    const reason = `${refusal.code}: ${refusal.message}`;
    this.log(`sync: the server refused ${mutationIds.length} change(s) of one user: ${refusal.code} (HTTP ${refusal.status})`);
    this.db.transaction(() => {
      for (const mutationId of mutationIds) this.outbox.hold(mutationId, reason);
      this.audit.append({ ...this.systemActor(), userId }, 'sync.push-refused', subjectOf.device(this.device.localId), { code: refusal.code, held: mutationIds.length });
    })();
  }

  /** Records the server's answers in one transaction; returns how many stay to be retried. */
  private settle(userId: string, results: PushResult[]): number {
    let retry = 0;
    this.db.transaction(() => {
      for (const result of results) {
        const outcome = result.status === 'duplicate' ? result.original : result;
        if (outcome.status === 'rejected' && outcome.retryable) {
          this.outbox.recordAttempt(result.mutationId, `${outcome.reason}: ${outcome.message}`);
          retry++;
        } else if (outcome.status === 'rejected') {
          this.outbox.hold(result.mutationId, `${outcome.reason}: ${outcome.message}`);
        } else {
          this.outbox.settle(result.mutationId);
        }
      }
      this.audit.append({ ...this.systemActor(), userId }, 'sync.push', subjectOf.device(this.device.localId), {
        answered: results.length,
        retry,
      });
    })();
    return retry;
  }

  /**
   * Sends the audit entries after the last one the server confirmed, in batches; the confirmed seq
   * moves only when the server answers. Any signed-in user's token will do: the chain is the
   * device's. A refused chain never holds up clinical sync: it is kept in the sync state, logged
   * once (the server's message names seqs and reasons, never patient data) and tried again each
   * round, since nothing here can repair it. Returns the refusal standing after the attempt.
   */
  private async uploadAudit(deviceId: string): Promise<string | null> {
    for (const userId of this.state.usersWithTokens()) {
      try {
        await this.uploadAuditWith(this.state.token(userId)!.token, deviceId);
        this.state.setAuditRefusal(null);
        return null;
      } catch (error) {
        if (!(error instanceof ServerRefusal)) throw error;
        if (error.code === 'UNAUTHENTICATED' || error.code === 'ACCOUNT_SUSPENDED') continue; // another user's token may do
        if (error.code === 'DEVICE_PENDING' || error.code === 'DEVICE_REVOKED') throw error; // the round's to handle
        if (this.state.auditRefusal()?.message !== error.message) this.log(`audit upload refused by the server: ${error.code}: ${error.message}`);
        this.state.setAuditRefusal({ code: error.code, message: error.message, at: new Date(this.now()).toISOString() });
        return error.message;
      }
    }
    return this.state.auditRefusal()?.message ?? null;
  }

  private async uploadAuditWith(token: string, deviceId: string): Promise<void> {
    for (;;) {
      const confirmed = this.state.auditUploadedSeq(deviceId);
      const entries = this.audit.entriesAfter(confirmed, maxAuditBatch);
      if (entries.length === 0) return;
      const { storedThrough } = await this.client.uploadAudit(token, { deviceId, entries });
      const held = Math.min(storedThrough, entries[entries.length - 1]!.seq);
      if (held <= confirmed) return; // an answer that moves nothing: do not loop on it
      this.state.setAuditUploadedSeq(deviceId, held);
    }
  }

  private async pull(userId: string, touched: Set<WireTable>, onPage: (pulled: number, progress: PullProgress | null) => void): Promise<number> {
    const token = this.state.token(userId)?.token;
    if (!token) return 0;
    let pulled = 0;
    const progress = pullProgress();
    // The kept-patients digest changes only when a last page is applied, and a page is asked for
    // ahead only while there are more: a prefetched request carries the digest it would have now.
    const request = (cursor: number, scopeEpoch: number | undefined) => ({
      cursor,
      scopeEpoch,
      page: this.client.pull(token, {
        cursor,
        limit: this.pullPageSize,
        keptDigest: this.eviction.digest(userId),
        ...(scopeEpoch === undefined ? {} : { scopeEpoch }),
      }),
    });
    let prefetched: ReturnType<typeof request> | null = null;
    for (;;) {
      const position = this.state.position(userId);
      let page: PullResponse;
      try {
        const asked: ReturnType<typeof request> = prefetched?.cursor === position.cursor && prefetched.scopeEpoch === position.scopeEpoch
          ? prefetched
          : request(position.cursor, position.scopeEpoch);
        prefetched = null;
        page = await asked.page;
      } catch (error) {
        if (error instanceof ServerRefusal && error.code === 'UNAUTHENTICATED') {
          this.state.dropToken(userId);
          return pulled;
        }
        if (!isRefusalOfUser(error)) throw error;
        // This user's scope waits (a suspended account); the other users' pulls go on.
        this.log(`sync: the server refused a pull for one user: ${error.code} (HTTP ${error.status})`);
        return pulled;
      }
      const rewind = rewindOf(position, this.state.feedId(), page);
      if (rewind) {
        const recovered = recoverFromRewind(
          { db: this.db, outbox: this.outbox, state: this.state, audit: this.audit, actor: this.systemActor(), subject: subjectOf.device(this.device.localId), now: this.now },
          rewind,
          page.feedId,
        );
        this.log(`sync: the server's feed went back in time (${rewind.reason}); resending ${recovered.resent} settled change(s) and pulling again from 0`);
        this.rewound = true;
        return pulled;
      }
      if (page.hasMore) {
        // The next page is read by the server while this one is written here (the first download
        // is about half server time). Asked from where this page leaves the cursor; used only if
        // the cursor is still there when it is awaited, and its failure is met there, not here.
        prefetched = request(page.nextCursor, page.scopeEpoch);
        prefetched.page.catch(() => {});
      }
      withoutForeignKeys(this.db, () =>
        this.db.transaction(() => {
          // A reset re-sends the whole scope from 0: withdraw the old one first (a department move).
          if (page.reset) this.scope.resetUser(userId);
          for (const table of this.apply(page.changes)) touched.add(table);
          this.scope.grantFrom(userId, page.changes);
          // A pharmacist's scope ends (issue 8, item 5): copies outside it leave with this cursor.
          const evicted = this.eviction.settle(userId, page.keptPatients);
          if (evicted.left > 0) {
            this.audit.append({ ...this.systemActor(), userId }, 'sync.scope-evicted', subjectOf.device(this.device.localId), { ...evicted });
            if (evicted.removed > 0) for (const table of evictedTables) touched.add(table);
          }
          this.state.setPosition(userId, { scopeEpoch: page.scopeEpoch, cursor: page.nextCursor, ...(page.nextMark === undefined ? {} : { mark: page.nextMark }) });
          if (page.feedId !== undefined && this.state.feedId() === null) this.state.setFeedId(page.feedId);
        })(),
      );
      pulled += page.changes.length;
      onPage(pulled, progress(position.cursor, page));
      if (!page.hasMore) return pulled;
    }
  }

  private systemActor(): Actor {
    return { userId: 'system', sessionId: null, deviceId: this.device.localId };
  }
}

/**
 * A refusal that concerns one user or one request, not the device: the device-wide ones
 * (pending, revoked) and an ended token have their own handling.
 */
function isRefusalOfUser(error: unknown): error is ServerRefusal {
  return error instanceof ServerRefusal && !['DEVICE_PENDING', 'DEVICE_REVOKED', 'UNAUTHENTICATED'].includes(error.code);
}
