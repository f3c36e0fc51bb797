import { Language } from '../../../shared/ipc';
import type { Lang } from '../../../shared/rx';
import type { CallContext } from '../dispatch';
import { rxHandlers } from '../handlers/rx';
import type { SigningProofs } from '../face/signingProofs';
import type { SessionService } from '../session/sessionService';
import type { Signer } from '../signing/signer';
import type { Actor } from '../store/audit';
import type { Db } from '../store/database';
import type { PatientAccess } from '../store/patientScope';
import { prefsTable } from '../store/prefs';
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
}

/** The prescribing services of one core. */
export function rxHandlerGroup(w: RxWiring) {
  const prefs = prefsTable(w.db);
  const lastSuccess = w.db.prepare<[], { value: string }>(`SELECT value FROM sync_state WHERE key = 'last_success_at'`);
  const deps = {
    db: w.db,
    now: w.now,
    deviceId: w.deviceId,
    knowledge: () => w.knowledge.current(),
    // Alert messages follow the UI language (Chinese by default).
    lang: (): Lang => (Language.catch('zh-CN').parse(prefs.get('language')) === 'en' ? 'en' : 'zh'),
  };
  const store = rxStore(deps);
  const signing = rxSigning({
    ...deps,
    store,
    sessions: w.sessions,
    signer: w.signer,
    faceProofs: w.faceProofs,
    deviceSync: () => ({ lastSuccessAt: lastSuccess.get()?.value ?? null, serverConfigured: w.serverConfigured }),
  });
  return rxHandlers(store, signing, w.actorOf, w.access);
}
