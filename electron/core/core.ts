import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../../shared/ipc';
import { createDispatch, type Dispatch, type Handlers } from './dispatch';
import { appHandlers } from './handlers/app';
import { authHandlers } from './handlers/auth';
import { patientHandlers } from './handlers/patients';
import { prefsHandlers } from './handlers/prefs';
import { SessionService, defaultSessionPolicy, type SessionPolicy } from './session/sessionService';
import { openDatabase, type Db } from './store/database';
import { patientsTable } from './store/patients';
import { prefsTable } from './store/prefs';
import { usersTable } from './store/users';

export interface CoreOptions {
  dataDir: string;
  /** The store key, from a KeySource resolved by the caller (safeStorage lives on Electron's main thread). */
  key: Buffer;
  version?: string;
  sessionPolicy?: SessionPolicy;
  now?: () => number;
  log?: (line: string) => void;
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
  close(): void;
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

  const sessions = new SessionService(
    usersTable(db),
    options.sessionPolicy ?? defaultSessionPolicy,
    options.now ?? Date.now,
    (connectionId, reason) => emit(connectionId, 'session:locked', { reason }),
  );
  const handlers: Handlers = {
    ...appHandlers({ version: options.version ?? '0.0.0', deviceName: hostname() }),
    ...prefsHandlers(prefsTable(db)),
    ...authHandlers(sessions),
    ...patientHandlers(patientsTable(db)),
  };
  return {
    dispatch: createDispatch(handlers, sessions, options.log ?? ((line) => console.error(line))),
    onEvent: (listener) => void listeners.push(listener),
    db,
    close: () => db.close(),
  };
}
