import type { CallContext } from '../dispatch';
import { reviewHandlers } from '../handlers/review';
import type { SigningProofs } from '../face/signingProofs';
import type { Session, SessionService } from '../session/sessionService';
import type { Signer } from '../signing/signer';
import type { Actor } from '../store/audit';
import type { Db } from '../store/database';
import type { ServerClient } from '../sync/serverClient';
import { deviceSyncFacts, syncStateTable } from '../sync/syncState';
import { reviewNotices } from './reviewNotices';
import { reviewServer } from './reviewServer';
import { reviewService } from './reviewService';

export interface ReviewWiring {
  db: Db;
  now: () => number;
  /** The hospital server's client, when one is configured; without it review calls say so. */
  client: ServerClient | null;
  sessions: SessionService;
  signer: Signer;
  faceProofs: SigningProofs;
  serverConfigured: boolean;
  actorOf: (call: CallContext) => Actor;
  log: (line: string) => void;
}

/** The review services of one core: its handlers, and what a pull announces to whom. */
export function reviewGroup(w: ReviewWiring) {
  const notices = reviewNotices(w.db, w.now);
  const service = reviewService({
    db: w.db,
    now: w.now,
    server: reviewServer(w.client, w.client && syncStateTable(w.db), w.log),
    sessions: w.sessions,
    signer: w.signer,
    faceProofs: w.faceProofs,
    deviceSync: deviceSyncFacts(w.db, w.serverConfigured),
  });
  return {
    handlers: reviewHandlers(service, notices, w.actorOf),
    /** After a pull: the notices it brought that this session has not been told of yet. */
    newNotices: (session: Session) => notices.unannounced(session),
  };
}
