import type { Database } from '../db/types';
import type { HospitalCa } from '../signing/ca';
import type { FaceTemplateKey } from '../face/templateKey';
import type { hashPassword } from '../../common/auth/password';

/** What every route module gets from `buildServer`. */
export interface ServerDeps {
  db: Database;
  now: () => Date;
  tokenTtlMs: number;
  /** scrypt cost for new password hashes; tests may lower it, production keeps the default. */
  hashParams: Parameters<typeof hashPassword>[1] | undefined;
  /** Demo only: devices are approved on registration. */
  autoApproveDevices: boolean;
  /** The hospital CA that certifies signing keys (signing/ca.ts). */
  ca: HospitalCa;
  /** Roaming face templates' key at rest (face/templateKey.ts); null: templates do not roam. */
  faceTemplateKey: FaceTemplateKey | null;
}
