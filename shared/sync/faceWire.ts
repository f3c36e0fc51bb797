import { z } from 'zod';

/**
 * Roaming face templates on the sync wire (issue 9, the Consent bullet). A template leaves the
 * enrolling workstation only with the user's separate roaming consent (shared/face/consent.ts),
 * only as these mutations through the outbox, and comes back only through the change feed to the
 * same user's devices (server/feed/faceTemplates.ts).
 *
 * PUSH, in this order, in the same outbox transaction that records the consent locally:
 *   face.roaming.consent {action:'give'}  the server records the consent (its version, who, where);
 *   face.template.roam                    the template; refused with CONSENT_MISSING (and nothing
 *                                         written) unless the user's latest recorded roaming
 *                                         consent is a 'give' of the same version.
 *   face.roaming.consent {action:'withdraw', scope} deletes the server's copy in the same
 *       transaction and sends every device of the user a tombstone. `scope: 'enrollment'` is the
 *       enrollment consent withdrawn: the template goes from the enrolling device too.
 * A server without a template key (server/face/templateKey.ts) refuses templates with ROAMING_UNAVAILABLE.
 *
 * PULL: table `face_templates`, one row per user (id = user id), only ever with that user as the
 * change's audience. `descriptor` is filled in by the server at pull time from its encrypted copy,
 * never stored in the feed; a row of `state: 'present'` is the current template (an entry that a
 * newer one superseded is not sent), the two withdrawn states are tombstones.
 */
export const faceTemplateLength = 1024;

/** A unit-length faceres descriptor (electron/core/face/enrollment.ts normalises the mean). */
export const FaceDescriptor = z
  .array(z.number().finite().min(-1).max(1))
  .length(faceTemplateLength)
  .refine((v) => Math.abs(Math.sqrt(v.reduce((sum, x) => sum + x * x, 0)) - 1) < 1e-3, 'a template descriptor has unit length');

const id = z.string().min(1).max(64);
const version = z.string().min(1).max(64);

export const RoamingConsentAction = z.enum(['give', 'withdraw']);
/** What a withdrawal withdraws: roaming only, or the enrollment itself (the template everywhere). */
export const WithdrawalScope = z.enum(['roaming', 'enrollment']);
export type WithdrawalScope = z.infer<typeof WithdrawalScope>;

export const faceMutationPayloads = {
  'face.roaming.consent': z.object({
    userId: id,
    action: RoamingConsentAction,
    /** The roaming consent text's id (give), or the one withdrawn. */
    version,
    scope: WithdrawalScope,
  }),
  'face.template.roam': z.object({
    userId: id,
    /** The enrollment this template came from: a device holding it already keeps its own row. */
    templateId: id,
    modelId: z.string().min(1).max(100),
    descriptor: FaceDescriptor,
    captures: z.number().int().min(1).max(5),
    consentVersion: version,
    roamingConsentVersion: version,
    enrolledBy: id,
    enrolledAt: z.iso.datetime({ offset: true }),
  }),
} as const;

export const faceTemplateStates = ['present', 'roaming-withdrawn', 'enrollment-withdrawn'] as const;
export const FaceTemplateState = z.enum(faceTemplateStates);
export type FaceTemplateState = z.infer<typeof FaceTemplateState>;

/** NEW table (issue 9): a user's roaming template as their own devices receive it. */
export const FaceTemplateRow = z.object({
  id, // the user id: one row per user
  user_id: id,
  template_id: id,
  state: FaceTemplateState,
  version: z.number().int().min(1), // bumped by every upload and withdrawal
  model_id: z.string(),
  captures: z.number().int(),
  consent_version: z.string(),
  roaming_consent_version: z.string(),
  enrolled_by: id,
  enrolled_at: z.string(),
  /** Present rows only; null in the feed itself and in tombstones. */
  descriptor: z.array(z.number()).length(faceTemplateLength).nullable(),
});
export type FaceTemplateRow = z.infer<typeof FaceTemplateRow>;
