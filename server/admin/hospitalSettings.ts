import { randomUUID } from 'node:crypto';
import {
  AuditRetention,
  defaultAuditRetention,
  type HospitalSettingChange,
  type HospitalSettingsView,
} from '../../shared/admin/hospitalSettings';
import { FacePolicy } from '../../shared/ipc/faceChannels';
import { defaultReviewSettings, ReviewSettings } from '../../shared/review/settings';
import type { Queryable } from '../db/types';
import { appendChanges, serverMeta } from '../feed/append';
import { HttpError } from '../http/errors';

interface SettingRow {
  key: string;
  value: unknown;
  version: number;
  updated_at: Date | string;
  updated_by: string | null;
}

const iso = (at: Date | string) => new Date(at).toISOString();

async function rows(q: Queryable): Promise<Map<string, SettingRow>> {
  const found = await q.query<SettingRow>(`SELECT key, value, version, updated_at, updated_by FROM hospital_settings`);
  return new Map(found.map((r) => [r.key, r]));
}

/**
 * The hospital's settings, each with the version and author of its last change. A stored value
 * is validated on the way out as on the way in; review and retention take their defaults where unset.
 */
export async function hospitalSettings(q: Queryable): Promise<HospitalSettingsView> {
  const stored = await rows(q);
  const face = stored.get('face');
  const stampOf = (row: SettingRow | undefined) => ({ version: row?.version ?? 0, updatedAt: row ? iso(row.updated_at) : null, updatedBy: row?.updated_by ?? null });
  return {
    face: face ? { value: FacePolicy.parse(face.value), version: face.version, updatedAt: iso(face.updated_at), updatedBy: face.updated_by } : null,
    review: { value: ReviewSettings.parse({ ...defaultReviewSettings, ...(stored.get('review')?.value as object | undefined) }), ...stampOf(stored.get('review')) },
    audit: { value: AuditRetention.parse({ ...defaultAuditRetention, ...(stored.get('audit')?.value as object | undefined) }), ...stampOf(stored.get('audit')) },
  };
}

/** The retention the audit trail enforces (issue 12, "Retention"). */
export async function auditRetention(q: Queryable): Promise<AuditRetention> {
  return (await hospitalSettings(q)).audit.value;
}

/**
 * Stores several settings at once and publishes them in the feed, in the caller's transaction
 * (which also records the admin action): all or none, since a later key that fails rolls the
 * earlier ones back with it. The rows go out as one group, numbered together and sharing one
 * mutation id, which a pull never splits across pages (feed/pull.ts), so a workstation applies
 * the whole change in one transaction or none of it. Review changes merge into the stored review
 * settings (the console may send one field) and the result must still hold together: amber before red.
 */
export async function changeHospitalSettings(
  tx: Queryable,
  changes: readonly HospitalSettingChange[],
  adminId: string,
  now: Date,
): Promise<{ key: HospitalSettingChange['key']; before: unknown; after: unknown }[]> {
  await tx.query(`LOCK TABLE hospital_settings IN SHARE ROW EXCLUSIVE MODE`);
  const stored = await rows(tx);
  const applied = [];
  for (const change of changes) applied.push({ key: change.key, ...(await storeSetting(tx, stored.get(change.key), change, adminId, now)) });
  await appendChanges(tx, 'hospital_settings', changes.map((c) => c.key), { ...serverMeta, mutationId: `settings:${randomUUID()}`, authorId: adminId });
  return applied;
}

async function storeSetting(tx: Queryable, current: SettingRow | undefined, change: HospitalSettingChange, adminId: string, now: Date): Promise<{ before: unknown; after: unknown }> {
  let value: unknown = change.value;
  if (change.key === 'review') {
    const merged = ReviewSettings.parse({ ...defaultReviewSettings, ...(current?.value as object | undefined), ...change.value });
    if (merged.amberMs >= merged.redMs) throw new HttpError(400, 'INVALID_REQUEST', 'the amber wait must be shorter than the red one');
    value = { ...(current?.value as object | undefined), ...change.value };
  }
  await tx.query(
    `INSERT INTO hospital_settings (key, value, updated_by, updated_at, version) VALUES ($1, $2::jsonb, $3, $4, 1)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at,
       version = hospital_settings.version + 1`,
    [change.key, JSON.stringify(value), adminId, now],
  );
  return { before: current?.value ?? null, after: value };
}
