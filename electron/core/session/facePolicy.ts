/**
 * The site's verification policy, in one place (issue 9, item 7): the face threshold, the liveness
 * policy, the idle lock, the re-verification window, the lockout and password-only signing. Stored
 * on this workstation (migration 009, `face_settings`) and changed only by an admin through
 * `face:policy:set` (validated by the contract's FacePolicy, audited). Hospital-wide settings synced
 * from the server are issue 12; until then each workstation holds its own.
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

/**
 * `initial`: the deployment's policy until an admin stores one (defaults above). A stored row that
 * no longer validates (an older app's, or tampered with offline) is not used: the initial policy is,
 * and `log` says so without the row's content.
 */
export function facePolicyStore(db: Db, initial: Partial<FacePolicy> = {}, log: (line: string) => void = () => {}) {
  const base = FacePolicy.parse({ ...defaultFacePolicy, ...initial });
  const read = db.prepare<[], { policy: string }>(`SELECT policy FROM face_settings WHERE id = 1`);
  const write = db.prepare<[string, string, string]>(
    `INSERT INTO face_settings (id, policy, updated_by, updated_at) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET policy = excluded.policy, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  );
  let cached: FacePolicy | null = null;
  return {
    current(): FacePolicy {
      if (cached) return cached;
      const row = read.get();
      if (!row) return (cached = base);
      const parsed = FacePolicy.safeParse(safeJson(row.policy));
      if (!parsed.success) log('face policy: the stored policy does not validate; the deployment policy is used');
      return (cached = parsed.success ? parsed.data : base);
    },
    /** Call inside the transaction that audits the change. */
    save(policy: FacePolicy, by: string, at: string): FacePolicy {
      write.run(JSON.stringify(policy), by, at);
      return (cached = policy);
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
