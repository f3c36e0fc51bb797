import { readTemplateFiles } from '../../../common/emr/templateFiles';
import type { TemplateResource } from '../../../shared/emr/catalogue';
import type { Letterhead } from '../../../shared/print/letterhead';
import { templatesInForce } from '../../../shared/emr/hospitalTemplates';
import type { CallContext } from '../dispatch';
import type { SigningProofs } from '../face/signingProofs';
import { emrHandlers } from '../handlers/emr';
import { emrPrintHandlers } from '../handlers/emrPrint';
import type { SessionService } from '../session/sessionService';
import type { Signer } from '../signing/signer';
import type { Actor } from '../store/audit';
import type { Db } from '../store/database';
import { emrTemplatesTable } from '../store/emrTemplates';
import type { PatientAccess } from '../store/patientScope';
import { messageLanguage, prefsTable } from '../store/prefs';
import { deviceSyncFacts } from '../sync/syncState';
import { emrPrint } from './emrPrint';
import { emrSigning } from './emrSigning';
import { emrStore } from './emrService';

export interface EmrWiring {
  db: Db;
  now: () => number;
  deviceId: string;
  sessions: SessionService;
  serverConfigured: boolean;
  actorOf: (call: CallContext) => Actor;
  access: PatientAccess;
  signer: Signer;
  faceProofs: SigningProofs;
  /** The template directory; defaults to the repository's `resources/templates`. */
  templatesDir?: string | undefined;
  /** The hospital's name heading the printed record. */
  letterhead: Letterhead;
}

/** The structured-record services of one core. */
export function emrHandlerGroup(w: EmrWiring) {
  const prefs = prefsTable(w.db);
  const hospital = emrTemplatesTable(w.db);
  let shipped: TemplateResource[] | null = null;
  let inForce: { mark: string; resources: TemplateResource[] } | null = null;
  // The shipped files are read once, on first use; the hospital's versions whenever the feed brought one.
  const templates = (): TemplateResource[] => {
    const mark = hospital.mark();
    if (inForce?.mark !== mark) inForce = { mark, resources: templatesInForce((shipped ??= readTemplateFiles(w.templatesDir)), hospital.imported()) };
    return inForce.resources;
  };
  const deps = {
    db: w.db,
    now: w.now,
    deviceId: w.deviceId,
    templates,
    lang: () => messageLanguage(prefs),
  };
  const store = emrStore(deps);
  const signing = emrSigning({
    ...deps,
    store,
    sessions: w.sessions,
    signer: w.signer,
    faceProofs: w.faceProofs,
    deviceSync: deviceSyncFacts(w.db, w.serverConfigured),
  });
  const printing = emrPrint({ db: w.db, now: w.now, store, letterhead: w.letterhead });
  return { ...emrHandlers(store, signing, w.actorOf, w.access), ...emrPrintHandlers(printing, w.actorOf, w.access) };
}
