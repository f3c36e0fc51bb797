/**
 * The site's verification policy, in one place (issue 9, item 7): the face threshold, the liveness
 * policy, the idle lock, the re-verification window, the lockout and password-only signing.
 *
 * Whose policy (issue 12): the hospital's, set by an admin on the server and pulled into
 * `hospital_settings` (key `face`, workstation migration 012) at the workstation's next contact; the last one
 * pulled stays in force offline. Until the hospital has set one, the workstation's own applies:
 * the row an admin stored here (`face_settings`, migration 009; only on a workstation with no
 * hospital server, electron/core/admin/hospitalAdmin.ts) or the deployment's initial policy.
 * A local copy never weakens the hospital's: once a hospital policy is here, nothing local is
 * read, and a hospital row that does not validate (tampered with, or from a newer server) gives the
 * product's defaults, the strict ones, never the local policy.
 */
import { FACE_MATCH_THRESHOLD } from '../../../shared/face';
import { FacePolicy } from '../../../shared/ipc/faceChannels';
import type { Db } from '../store/database';

export type { FacePolicy } from '../../../shared/ipc/faceChannels';

export const defaultFacePolicy: FacePolicy = {
  threshold: FACE_MATCH_THRESHOLD,
  liveness: 'challenge',
  idleLockMs: 5 * 60_000,
  freshVerificationMs: 5 * 60_000,
  lockoutAttempts: 5,
  lockoutMs: 15 * 60_000,
  passwordOnlySigning: false,
};

export type FacePolicySource = 'hospital' | 'workstation';

/** A policy the server answered with, as the feed will bring it (shared/sync/rows.ts HospitalSettingRow). */
export interface HospitalFacePolicy {
  value: FacePolicy;
  version: number;
  updatedAt: string;
}

/**
 * `initial`: the deployment's policy until an admin stores one (defaults above). A stored row that
 * no longer validates is not used, and `log` says so without the row's content.
 */
export function facePolicyStore(db: Db, initial: Partial<FacePolicy> = {}, log: (line: string) => void = () => {}) {
  const base = FacePolicy.parse({ ...defaultFacePolicy, ...initial });
  const readHospital = db.prepare<[], { value: string }>(`SELECT value FROM hospital_settings WHERE id = 'face'`);
  const readLocal = db.prepare<[], { policy: string }>(`SELECT policy FROM face_settings WHERE id = 1`);
  const writeLocal = db.prepare<[string, string, string]>(
    `INSERT INTO face_settings (id, policy, updated_by, updated_at) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET policy = excluded.policy, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  );
  // As the feed would write it; the feed's own copy (with its seq) replaces this one when it arrives.
  const writeHospital = db.prepare<[string, number, string]>(
    `INSERT INTO hospital_settings (id, value, version, updated_at, feed_seq) VALUES ('face', ?, ?, ?, NULL)
     ON CONFLICT (id) DO UPDATE SET value = excluded.value, version = excluded.version, updated_at = excluded.updated_at, feed_seq = NULL
     WHERE excluded.version > hospital_settings.version`,
  );
  let cached: { policy: FacePolicy; source: FacePolicySource } | null = null;

  function resolve(): { policy: FacePolicy; source: FacePolicySource } {
    const hospital = readHospital.get();
    if (hospital) {
      const parsed = FacePolicy.safeParse(safeJson(hospital.value));
      if (!parsed.success) log("face policy: the hospital's policy does not validate; the product defaults apply");
      return { policy: parsed.success ? parsed.data : defaultFacePolicy, source: 'hospital' };
    }
    const local = readLocal.get();
    if (!local) return { policy: base, source: 'workstation' };
    const parsed = FacePolicy.safeParse(safeJson(local.policy));
    if (!parsed.success) log('face policy: the stored policy does not validate; the deployment policy is used');
    return { policy: parsed.success ? parsed.data : base, source: 'workstation' };
  }

  return {
    current: (): FacePolicy => (cached ??= resolve()).policy,
    source: (): FacePolicySource => (cached ??= resolve()).source,
    /** After a pull wrote `hospital_settings`: the next decision reads the new row. */
    invalidate(): void {
      cached = null;
    },
    /** A workstation without a hospital server: its own policy. Call inside the transaction that audits the change. */
    saveLocal(policy: FacePolicy, by: string, at: string): FacePolicy {
      writeLocal.run(JSON.stringify(policy), by, at);
      cached = null;
      return this.current();
    },
    /** The hospital's new policy, as the server confirmed it: in force here at once, not at the next pull. */
    adoptHospital(policy: HospitalFacePolicy): FacePolicy {
      writeHospital.run(JSON.stringify(policy.value), policy.version, policy.updatedAt);
      cached = null;
      return this.current();
    },
  };
}
export type FacePolicyStore = ReturnType<typeof facePolicyStore>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
