/**
 * The "my face template" panel's channels (issue 9, roaming; electron/core/face/roaming.ts),
 * spread into the one contract (contract.ts). The user sees and changes their own roaming consent;
 * an admin may read it and withdraw it. The roaming consent at enrollment rides on
 * `face:begin {purpose:'enroll', roaming}` (faceChannels.ts).
 *   face:roaming:get {userId}                 -> FaceRoamingStatus (booleans and versions, no template)
 *   face:roaming:set {userId, consent}        -> FaceRoamingStatus; consent {version, accepted:true}
 *        gives it (the user only), null withdraws it (the user or an admin). FACE_NOT_ENROLLED,
 *        FACE_CONSENT_REQUIRED (another text version), FACE_ROAMING_UNAVAILABLE (no hospital server).
 */
import { z } from 'zod';
import type { Role } from '../domain/roles';
import { FaceConsent } from './faceChannels';

const anyRole = ['physician', 'pharmacist', 'admin'] as const satisfies readonly Role[];
const id = z.string().min(1).max(64);

export const FaceRoamingStatus = z.object({
  enrolled: z.boolean(),
  /** Where this workstation's template came from: enrolled here, or roamed in from the server. */
  origin: z.enum(['enrolled', 'roamed']).nullable(),
  roaming: z.boolean(),
  consentVersion: z.string().nullable(),
  /** The roaming consent text the panel must show to ask for it. */
  currentConsentVersion: z.string(),
  serverConfigured: z.boolean(),
});
export type FaceRoamingStatus = z.infer<typeof FaceRoamingStatus>;

export const faceRoamingChannels = {
  'face:roaming:get': { request: z.object({ userId: id }).strict(), response: FaceRoamingStatus, access: anyRole },
  'face:roaming:set': {
    request: z.object({ userId: id, consent: FaceConsent.nullable() }).strict(),
    response: FaceRoamingStatus,
    access: anyRole,
    requiresVerifiedSession: true,
  },
} as const;
