import type { Db } from './database';

/** One user's enrolled face on this workstation (migration 009): the template, never an image. */
export interface FaceTemplate {
  userId: string;
  modelId: string;
  descriptor: number[];
  captures: number;
  consentVersion: string;
  enrolledBy: string;
  enrolledAt: string;
}

interface TemplateRow {
  user_id: string;
  model_id: string;
  descriptor: Buffer;
  captures: number;
  consent_version: string;
  enrolled_by: string;
  enrolled_at: string;
}

const toBlob = (descriptor: readonly number[]): Buffer => Buffer.from(Float32Array.from(descriptor).buffer);
const fromBlob = (blob: Buffer): number[] => Array.from(new Float32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength)));

export function faceTemplatesTable(db: Db) {
  const get = db.prepare<[string], TemplateRow>(`SELECT * FROM face_templates WHERE user_id = ?`);
  const enrolledAt = db.prepare<[], { user_id: string; enrolled_at: string }>(`SELECT user_id, enrolled_at FROM face_templates`);
  const put = db.prepare(
    `INSERT INTO face_templates (user_id, model_id, descriptor, captures, consent_version, enrolled_by, enrolled_at)
     VALUES (@userId, @modelId, @descriptor, @captures, @consentVersion, @enrolledBy, @enrolledAt)
     ON CONFLICT (user_id) DO UPDATE SET model_id = excluded.model_id, descriptor = excluded.descriptor, captures = excluded.captures,
       consent_version = excluded.consent_version, enrolled_by = excluded.enrolled_by, enrolled_at = excluded.enrolled_at`,
  );
  const remove = db.prepare<[string]>(`DELETE FROM face_templates WHERE user_id = ?`);
  return {
    get(userId: string): FaceTemplate | null {
      const row = get.get(userId);
      return row
        ? {
            userId: row.user_id,
            modelId: row.model_id,
            descriptor: fromBlob(row.descriptor),
            captures: row.captures,
            consentVersion: row.consent_version,
            enrolledBy: row.enrolled_by,
            enrolledAt: row.enrolled_at,
          }
        : null;
    },
    has: (userId: string): boolean => get.get(userId) !== undefined,
    /** user id -> enrolled at, for the admin's list (no descriptor leaves this module for it). */
    enrolledAt: (): Map<string, string> => new Map(enrolledAt.all().map((r) => [r.user_id, r.enrolled_at])),
    put: (template: FaceTemplate): void => void put.run({ ...template, descriptor: toBlob(template.descriptor) }),
    delete: (userId: string): boolean => remove.run(userId).changes > 0,
  };
}
export type FaceTemplatesTable = ReturnType<typeof faceTemplatesTable>;
