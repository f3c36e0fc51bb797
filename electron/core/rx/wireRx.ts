import type { Letterhead } from '../../../shared/print/letterhead';
import type { CallContext } from '../dispatch';
import { rxHandlers } from '../handlers/rx';
import { rxRiskHandlers } from '../handlers/rxRisk';
import { loadLeaflets } from './loadLeaflets';
import { rxPrint } from './rxPrint';
import type { SigningProofs } from '../face/signingProofs';
import type { SessionService } from '../session/sessionService';
import type { Signer } from '../signing/signer';
import type { Actor } from '../store/audit';
import type { Db } from '../store/database';
import type { PatientAccess } from '../store/patientScope';
import { messageLanguage, prefsTable } from '../store/prefs';
import { deviceSyncFacts } from '../sync/syncState';
import type { KnowledgeSource } from './knowledgeSource';
import { rxSigning } from './rxSigning';
import { rxStore } from './rxService';

export interface RxWiring {
  db: Db;
  now: () => number;
  deviceId: string;
  sessions: SessionService;
  /** Whether a hospital server is configured (the signing rule on sync age depends on it). */
  serverConfigured: boolean;
  actorOf: (call: CallContext) => Actor;
  access: PatientAccess;
  knowledge: KnowledgeSource;
  /** The one signer of this core (signing/signer.ts), shared with the online sign-in that certifies keys. */
  signer: Signer;
  faceProofs: SigningProofs;
  /** The prescription knowledge directory (its `leaflets/` folder holds the high-alert leaflets). */
  rxResourcesDir?: string | undefined;
  /** The hospital's name heading the printed prescription. */
  letterhead: Letterhead;
}

/** The prescribing services of one core. */
export function rxHandlerGroup(w: RxWiring) {
  const prefs = prefsTable(w.db);
  const deps = {
    db: w.db,
    now: w.now,
    deviceId: w.deviceId,
    knowledge: () => w.knowledge.current(),
    lang: () => messageLanguage(prefs),
  };
  const store = rxStore(deps);
  const leaflets = () => loadLeaflets(w.rxResourcesDir);
  const signing = rxSigning({
    ...deps,
    store,
    sessions: w.sessions,
    signer: w.signer,
    faceProofs: w.faceProofs,
    deviceSync: deviceSyncFacts(w.db, w.serverConfigured),
    leaflets,
  });
  const printing = rxPrint({ db: w.db, now: w.now, store, leaflets, letterhead: w.letterhead });
  return { ...rxHandlers(store, signing, w.actorOf, w.access), ...rxRiskHandlers(store, printing, w.actorOf, w.access) };
}
