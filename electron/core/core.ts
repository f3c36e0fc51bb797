import { mkdirSync } from 'node:fs';
import { syncStateTable } from './sync/syncState';
import { auditView } from './audit/auditView';
import { auditHandlers } from './handlers/audit';
import { chartReads } from './audit/chartReads';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../../shared/ipc';
import { demoLetterhead, type Letterhead } from '../../shared/print/letterhead';
import { createDispatch, sessionOf, type CallContext, type Dispatch, type Handlers } from './dispatch';
import type { Actor } from './store/audit';
import { deviceAdmin } from './admin/deviceAdmin';
import { adminHandlers } from './handlers/admin';
import { adminConsoleHandlers } from './handlers/adminConsole';
import { hospitalAdmin } from './admin/hospitalAdmin';
import { appHandlers } from './handlers/app';
import { authHandlers } from './handlers/auth';
import { accountHandlers } from './handlers/account';
import { passwordChange } from './session/passwordChange';
import { faceHandlers } from './handlers/face';
import { patientHandlers } from './handlers/patients';
import { prefsHandlers } from './handlers/prefs';
import { clinicalWrites } from './clinical/clinicalWrites';
import { deviceIdentity } from './device/deviceIdentity';
import { clinicalHandlers } from './handlers/clinical';
import { adrHandlers } from './handlers/adr';
import { adrReports } from './adr/adrReports';
import { knowledgeSource } from './rx/knowledgeSource';
import { reviewGroup } from './review/wireReview';
import { rxHandlerGroup } from './rx/wireRx';
import { emrHandlerGroup } from './emr/wireEmr';
import { syncHandlers } from './handlers/sync';
import { offlineSignIn } from './session/offlineSignIn';
import { serverSignIn } from './session/serverSignIn';
import { createSigner } from './signing/signer';
import { SessionService } from './session/sessionService';
import { facePolicyStore, type FacePolicy } from './session/facePolicy';
import type { IdleTimers } from './session/idleTimers';
import { faceEngineHost, type FaceEngineOptions } from './face/faceEngineHost';
import { faceVerification } from './face/faceVerification';
import { AcceptedAttempts } from './face/signingProofs';
import { auditLog } from './store/audit';
import { faceLockoutsTable } from './store/faceLockouts';
import { faceTemplatesTable } from './store/faceTemplates';
import { serverClient } from './sync/serverClient';
import type { ServerTrust } from './sync/serverTrust';
import { SyncEngine } from './sync/syncEngine';
import { SyncWorker, defaultSyncWorkerOptions, type SyncWorkerOptions } from './sync/syncWorker';
import { openDatabase, readOnly, type Db } from './store/database';
import { onOutboxWrite, outboxTable } from './store/outbox';
import { faceRoaming } from './face/roaming';
import { patientAccess } from './store/patientScope';
import { patientsTable } from './store/patients';
import { recentPatientsTable } from './store/recentPatients';
import { prefsTable } from './store/prefs';
import { usersTable } from './store/users';

export interface CoreOptions {
  dataDir: string;
  /** The store key, from a KeySource resolved by the caller (safeStorage lives on Electron's main thread). */
  key: Buffer;
  version?: string;
  /**
   * The site's verification policy until the hospital sets one (or, with no server, an admin stores
   * one here: `face:policy:set`; session/facePolicy.ts); unset fields take the product defaults (session/facePolicy.ts: face required, 5 min idle lock, no password-only signing).
   */
  facePolicy?: Partial<FacePolicy>;
  /** The idle lock's timer; tests pass their own clock's (session/idleTimers.ts). */
  timers?: IdleTimers;
  /** Where the face models and the face worker's entry are (packaged app); started on the first face call. */
  face?: FaceEngineOptions;
  now?: () => number;
  log?: (line: string) => void;
  /** The prescription knowledge directory; defaults to the repository's `resources/rx`. */
  rxResourcesDir?: string;
  /** The hospital's name heading printed prescriptions and records; the demo hospital's by default. */
  letterhead?: Letterhead;
  /** The hospital server to sync with; without it the workstation works from its store alone. */
  sync?: {
    serverUrl: string;
    deviceName?: string;
    worker?: Partial<SyncWorkerOptions>;
    /** Tests drive rounds themselves with `syncNow()`. */
    background?: boolean;
    pullPageSize?: number;
    /** Trust for an https:// server: its certificate (PEM) and/or a pin (see sync/serverTrust.ts). */
    tls?: ServerTrust;
  };
}

/** A push event addressed to one connection, or to all of them when `connectionId` is null. */
export interface CoreEvent<E extends EventName = EventName> {
  connectionId: string | null;
  event: E;
  payload: EventPayload<E>;
}

export interface Core {
  dispatch: Dispatch;
  onEvent(listener: (event: CoreEvent) => void): void;
  db: Db;
  /** Present when a hospital server is configured. */
  sync: SyncWorker | null;
  close(): Promise<void>;
}

/**
 * Everything the workstation trusts, wired together as plain Node: the encrypted store, the session
 * service and the handlers. It runs in a worker thread under Electron and the test host
 * (coreWorker.ts), and in-process in tests.
 */
export function createCore(options: CoreOptions): Core {
  mkdirSync(options.dataDir, { recursive: true });
  const db = openDatabase(join(options.dataDir, 'caredesk.db'), options.key);
  const listeners: ((event: CoreEvent) => void)[] = [];
  const emit = <E extends EventName>(connectionId: string | null, event: E, payload: EventPayload<E>) =>
    listeners.forEach((listener) => listener({ connectionId, event, payload }));

  const now = options.now ?? Date.now;
  const letterhead = options.letterhead ?? demoLetterhead;
  const log = options.log ?? ((line: string) => console.error(line));
  const knowledge = knowledgeSource(db, options.rxResourcesDir, log);
  const users = usersTable(db);
  const device = deviceIdentity(db);
  const client = options.sync
    ? serverClient(options.sync.serverUrl, { ...(options.sync.tls ? { tls: options.sync.tls } : {}), signer: { privateKeyPem: () => device.privateKeyPem, now } })
    : null;
  const engine = options.sync && client ? new SyncEngine(db, client, device, options.sync.deviceName ?? hostname(), now, options.sync.pullPageSize, log) : null;
  const sync =
    engine &&
    new SyncWorker(
      engine,
      db,
      (status, tables) => {
        if (tables.includes('formulary')) knowledge.invalidate();
        if (tables.includes('hospital_settings')) facePolicy.invalidate();
        emit(null, 'sync:status', status);
        if (tables.length > 0) emit(null, 'sync:applied', { tables });
        if (tables.includes('review_decisions') || tables.includes('prescriptions')) announceReviewNotices();
      },
      { ...defaultSyncWorkerOptions, ...options.sync?.worker },
      log,
    );
  const offline = offlineSignIn(db, device.localId, now);
  // Connected to a server, only a key the hospital CA certified signs (issue 8, item 11); a store
  // with no server (`caredesk seed`, demos) has no CA, and its documents never leave it.
  const signer = createSigner(db, now, { requireCertificate: Boolean(options.sync) });
  const devices = deviceAdmin({ db, device, sync, now });
  // A local write is pushed within moments while online, not at the next interval (issue 8, item 8).
  if (sync) onOutboxWrite(db, () => sync.pushSoon());
  const facePolicy = facePolicyStore(db, options.facePolicy, log);
  const hospital = hospitalAdmin({ db, now, client, device, facePolicy });
  const faceTemplates = faceTemplatesTable(db);
  const audit = auditLog(db, now);
  const sessions = new SessionService({
    users,
    offline,
    policy: () => facePolicy.current(),
    now,
    onLocked: (connectionId, reason) => emit(connectionId, 'session:locked', { reason }),
    server:
      engine &&
      serverSignIn(engine, users, offline, signer, (account) => devices.reregister({ userId: 'system', sessionId: null, deviceId: device.localId }, account)),
    ...(options.timers ? { timers: options.timers } : {}),
    enrolled: (userId) => faceTemplates.has(userId),
    audit: (actor, action, subject, detail) => void audit.append(actor, action, subject, detail),
    deviceId: device.localId,
  });
  // Accepted face checks a signature may name (<= 60 s, once), shared by face and prescribing.
  const faceProofs = new AcceptedAttempts(now);
  const face = faceVerification({
    db,
    now,
    deviceId: device.localId,
    sessions,
    users,
    templates: faceTemplates,
    lockouts: faceLockoutsTable(db),
    policy: facePolicy,
    audit,
    engine: faceEngineHost(options.face, log),
    proofs: faceProofs,
    roaming: faceRoaming({ db, templates: faceTemplates, outbox: outboxTable(db, now), audit, serverConfigured: Boolean(options.sync) }),
  });
  // With a hospital server, each user reads only the patients their server scope delivered.
  const access = patientAccess(db, Boolean(options.sync));
  /** Every write names who made it, in which session, on which device. */
  function actorOf(call: CallContext): Actor {
    const { userId, sessionId } = sessionOf(call);
    return { userId, sessionId, deviceId: device.localId };
  }
  /** Whoever is signed in on the connection, locked or not, else the device itself (a public channel). */
  function actorAt(connectionId: string): Actor {
    const session = sessions.current(connectionId);
    return session ? sessions.actorOf(session) : { userId: 'system', sessionId: null, deviceId: device.localId };
  }
  const review = reviewGroup({ db, now, client, sessions, signer, faceProofs, serverConfigured: Boolean(options.sync), actorOf, log });
  /** A pull brought a return of a signed-in physician's prescription, or a void of a pharmacist's approval. */
  function announceReviewNotices(): void {
    for (const { connectionId, session } of sessions.signedIn()) {
      const { returned, voided } = review.newNotices(session);
      if (returned.length > 0) emit(connectionId, 'review:returned', { prescriptionIds: returned });
      if (voided.length > 0) emit(connectionId, 'review:voidedAfterApproval', { prescriptionIds: voided });
    }
  }
  const handlers: Handlers = {
    ...appHandlers({ version: options.version ?? '0.0.0', deviceName: hostname() }),
    ...prefsHandlers(prefsTable(db), db, audit, actorAt),
    ...authHandlers(sessions),
    ...accountHandlers(passwordChange({ engine, users, offline, audit, deviceId: device.localId })),
    ...faceHandlers(face, sessions, hospital),
    ...patientHandlers({ patients: patientsTable(readOnly(db)), access, reads: chartReads(audit), actorOf, recent: recentPatientsTable(db, now), now }),
    ...syncHandlers(sync),
    ...clinicalHandlers(clinicalWrites(db, access, now), actorOf),
    ...adrHandlers(adrReports(db, access, now), actorOf),
    ...adminHandlers(devices, actorOf),
    ...adminConsoleHandlers(hospital, actorOf),
    ...review.handlers,
    ...auditHandlers(auditView({ db, audit, client, state: client && syncStateTable(db) }), actorOf),
    ...rxHandlerGroup({ db, now, deviceId: device.localId, sessions, serverConfigured: Boolean(options.sync), actorOf, access, knowledge, signer, faceProofs, rxResourcesDir: options.rxResourcesDir, letterhead }),
    ...emrHandlerGroup({ db, now, deviceId: device.localId, sessions, serverConfigured: Boolean(options.sync), actorOf, access, signer, faceProofs, letterhead }),
  };
  if (sync && options.sync?.background !== false) sync.start();
  return {
    dispatch: createDispatch(handlers, sessions, log),
    onEvent: (listener) => void listeners.push(listener),
    db,
    sync,
    async close() {
      sessions.close();
      await face.close();
      await sync?.stop();
      db.close();
    },
  };
}
