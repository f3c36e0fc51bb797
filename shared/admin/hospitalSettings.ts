/**
 * Hospital settings (issue 12, "Admin console"): held on the hospital server, changed by an admin
 * from the console, and sent to every workstation through the change feed (global table
 * `hospital_settings`, shared/sync/rows.ts). One key per concern; each value validates against its
 * own schema on both sides, so a workstation never applies a value it does not understand.
 */
import { z } from 'zod';
import { minimumRetentionYears } from '../audit/retention';
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
    clinicalRecordYears: z.number().int().min(minimumRetentionYears.clinical, `clinical records are kept at least ${minimumRetentionYears.clinical} years`).max(100),
    processRecordYears: z.number().int().min(minimumRetentionYears.process, `process records are kept at least ${minimumRetentionYears.process} years`).max(100),
  })
  .strict();
export type AuditRetention = z.infer<typeof AuditRetention>;
export const defaultAuditRetention: AuditRetention = { clinicalRecordYears: minimumRetentionYears.clinical, processRecordYears: minimumRetentionYears.process };

/** The floor a retention value falls below, in words, or null (the server answers RETENTION_BELOW_MINIMUM). */
export function retentionBelowFloor(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const { clinicalRecordYears: clinical, processRecordYears: process } = value as Record<string, unknown>;
  const short: string[] = [];
  if (typeof clinical === 'number' && clinical < minimumRetentionYears.clinical) short.push(`clinical records are kept at least ${minimumRetentionYears.clinical} years`);
  if (typeof process === 'number' && process < minimumRetentionYears.process) short.push(`process records are kept at least ${minimumRetentionYears.process} years`);
  return short.length > 0 ? short.join('; ') : null;
}

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

/**
 * Several keys changed at once (the console's one Save): one transaction on the server and one
 * group of rows in the feed, so a workstation never holds half of it (server/admin/hospitalSettings.ts).
 */
export const HospitalSettingChanges = z
  .object({ changes: z.array(HospitalSettingChange).min(1).max(hospitalSettingKeys.length) })
  .strict()
  .refine(({ changes }) => new Set(changes.map((c) => c.key)).size === changes.length, { message: 'each key at most once', path: ['changes'] });
export type HospitalSettingChanges = z.infer<typeof HospitalSettingChanges>;

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
