/**
 * Hospital settings (issue 12, "Admin console"): held on the hospital server, changed by an admin
 * from the console, and sent to every workstation through the change feed (global table
 * `hospital_settings`, shared/sync/rows.ts). One key per concern; each value validates against its
 * own schema on both sides, so a workstation never applies a value it does not understand.
 */
import { z } from 'zod';
import { FacePolicy } from '../ipc/faceChannels';
import { ReviewSettings } from '../review/settings';

/**
 * Retention, enforced by the audit trail (issue 12, "Retention"). The floors are the law's:
 * 《互联网诊疗管理办法（试行）》(国卫医发〔2018〕25号) 第二十条 keeps internet consultation records as
 * outpatient electronic records, at least 15 years, and process records (the consultation's text,
 * audio and video, and here sign-in evidence) at least 3 years. An admin may keep them longer, never shorter.
 */
export const AuditRetention = z
  .object({
    clinicalRecordYears: z.number().int().min(15, 'clinical records are kept at least 15 years').max(100),
    processRecordYears: z.number().int().min(3, 'process records are kept at least 3 years').max(100),
  })
  .strict();
export type AuditRetention = z.infer<typeof AuditRetention>;
export const defaultAuditRetention: AuditRetention = { clinicalRecordYears: 15, processRecordYears: 3 };

/** What an admin may change of the review settings from the console: all of them, one at a time or together. */
export const ReviewSettingsChange = ReviewSettings.partial().strict();

export const hospitalSettingKeys = ['face', 'review', 'audit'] as const;
export type HospitalSettingKey = (typeof hospitalSettingKeys)[number];

/** A change as an admin sends it: the key names the schema its value must meet. */
export const HospitalSettingChange = z.discriminatedUnion('key', [
  z.object({ key: z.literal('face'), value: FacePolicy }).strict(),
  z.object({ key: z.literal('review'), value: ReviewSettingsChange }).strict(),
  z.object({ key: z.literal('audit'), value: AuditRetention }).strict(),
]);
export type HospitalSettingChange = z.infer<typeof HospitalSettingChange>;

const stamp = { version: z.number().int().min(1), updatedAt: z.string(), updatedBy: z.string().nullable() };

/**
 * The hospital's settings as the console shows them. `face` is null until an admin sets a
 * hospital face policy: until then each workstation keeps its own deployment's (electron/core/
 * session/facePolicy.ts). Review and retention always have a value (defaults where unset).
 */
export const HospitalSettingsView = z.object({
  face: z.object({ value: FacePolicy, ...stamp }).nullable(),
  review: z.object({ value: ReviewSettings, version: z.number().int().min(0), updatedAt: z.string().nullable(), updatedBy: z.string().nullable() }),
  audit: z.object({ value: AuditRetention, version: z.number().int().min(0), updatedAt: z.string().nullable(), updatedBy: z.string().nullable() }),
});
export type HospitalSettingsView = z.infer<typeof HospitalSettingsView>;
