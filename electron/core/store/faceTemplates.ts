import { randomUUID } from 'node:crypto';
import type { Db } from './database';

/**
 * One user's face template on this workstation (migrations 009, 015): the template, never an
 * image. `origin` says whether it was enrolled here or roamed in from the hospital server with
 * the user's roaming consent (electron/core/face/roaming.ts).
 */
export interface FaceTemplate {
  userId: string;
  /** The enrollment it came from; the same on every device that holds a copy of it. */
  templateId: string;
  modelId: string;
  descriptor: number[];
  captures: number;
  consentVersion: string;
  enrolledBy: string;
  enrolledAt: string;
  origin: 'enrolled' | 'roamed';
  /** The roaming consent this template was given with; null: it stays on its enrolling workstation. */
  roamingConsentVersion: string | null;
}

/** A new enrollment here: a fresh template id, not roaming unless the user consented to it. */
export type NewEnrollment = Omit<FaceTemplate, 'templateId' | 'origin' | 'roamingConsentVersion'> & { roamingConsentVersion?: string | null };

interface TemplateRow {
  user_id: string;
  template_id: string;
  model_id: string;
  descriptor: Buffer;
  captures: number;
  consent_version: string;
  enrolled_by: string;
  enrolled_at: string;
  origin: 'enrolled' | 'roamed';
  roaming_consent_version: string | null;
  feed_seq: number | null;
}

const toBlob = (descriptor: readonly number[]): Buffer => Buffer.from(Float32Array.from(descriptor).buffer);
const fromBlob = (blob: Buffer): number[] => Array.from(new Float32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength)));

export function faceTemplatesTable(db: Db) {
  const get = db.prepare<[string], TemplateRow>(`SELECT * FROM face_templates WHERE user_id = ?`);
  const enrolledAt = db.prepare<[], { user_id: string; enrolled_at: string }>(`SELECT user_id, enrolled_at FROM face_templates`);
  const put = db.prepare(
    `INSERT INTO face_templates (user_id, template_id, model_id, descriptor, captures, consent_version, enrolled_by, enrolled_at, origin, roaming_consent_version, feed_seq)
     VALUES (@userId, @templateId, @modelId, @descriptor, @captures, @consentVersion, @enrolledBy, @enrolledAt, @origin, @roamingConsentVersion, @feedSeq)
     ON CONFLICT (user_id) DO UPDATE SET template_id = excluded.template_id, model_id = excluded.model_id, descriptor = excluded.descriptor,
       captures = excluded.captures, consent_version = excluded.consent_version, enrolled_by = excluded.enrolled_by, enrolled_at = excluded.enrolled_at,
       origin = excluded.origin, roaming_consent_version = excluded.roaming_consent_version, feed_seq = excluded.feed_seq`,
  );
  const setRoaming = db.prepare<[string | null, string]>(`UPDATE face_templates SET roaming_consent_version = ? WHERE user_id = ?`);
  const setSeq = db.prepare<[number, string]>(`UPDATE face_templates SET feed_seq = ? WHERE user_id = ?`);
  const remove = db.prepare<[string]>(`DELETE FROM face_templates WHERE user_id = ?`);
  const toTemplate = (row: TemplateRow): FaceTemplate => ({
    userId: row.user_id,
    templateId: row.template_id,
    modelId: row.model_id,
    descriptor: fromBlob(row.descriptor),
    captures: row.captures,
    consentVersion: row.consent_version,
    enrolledBy: row.enrolled_by,
    enrolledAt: row.enrolled_at,
    origin: row.origin,
    roamingConsentVersion: row.roaming_consent_version,
  });
  return {
    get: (userId: string): FaceTemplate | null => {
      const row = get.get(userId);
      return row ? toTemplate(row) : null;
    },
    /** The feed seq a roamed copy came from (null for one enrolled here). */
    feedSeq: (userId: string): number | null => get.get(userId)?.feed_seq ?? null,
    has: (userId: string): boolean => get.get(userId) !== undefined,
    /** user id -> enrolled at, for the admin's list (no descriptor leaves this module for it). */
    enrolledAt: (): Map<string, string> => new Map(enrolledAt.all().map((r) => [r.user_id, r.enrolled_at])),
    /** An enrollment here replaces whatever template the user had; returns it with its new id. */
    enroll(template: NewEnrollment): FaceTemplate {
      const stored: FaceTemplate = { ...template, templateId: randomUUID(), origin: 'enrolled', roamingConsentVersion: template.roamingConsentVersion ?? null };
      put.run({ ...stored, descriptor: toBlob(stored.descriptor), feedSeq: null });
      return stored;
    },
    /** A copy from the hospital server (roaming.ts decides when). */
    putRoamed: (template: Omit<FaceTemplate, 'origin'>, feedSeq: number): void =>
      void put.run({ ...template, origin: 'roamed', descriptor: toBlob(template.descriptor), feedSeq }),
    setRoaming: (userId: string, version: string | null): void => void setRoaming.run(version, userId),
    setFeedSeq: (userId: string, seq: number): void => void setSeq.run(seq, userId),
    delete: (userId: string): boolean => remove.run(userId).changes > 0,
  };
}
export type FaceTemplatesTable = ReturnType<typeof faceTemplatesTable>;
