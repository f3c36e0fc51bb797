import type { FaceTemplateRow } from '../../shared/sync/faceWire';
import type { Change } from '../../shared/sync/wire';
import type { Queryable } from '../db/types';
import { openTemplate, type FaceTemplateKey, type SealedTemplate } from '../face/templateKey';

/**
 * A roaming template reaches only its own user's devices (issue 9): every `face_templates` change
 * with a template has that user as its audience (pull.ts sends it to their token alone; migration
 * 017 refuses a template change without an audience), and a token is issued only to an approved
 * device the user signed in on online with their password, and stops working when the device is
 * revoked (auth/tokens.ts). So "the user's approved workstations" is exactly: the devices that
 * pull with a live token of that user.
 *
 * The feed entry holds no descriptor. Here, at read time, an entry of the user's current version
 * is answered with the template decrypted from the one encrypted copy; an entry a later upload or
 * withdrawal superseded is left out (its successor is further on in the feed); a tombstone is sent
 * as it is. So a withdrawal, which deletes the copy, leaves nothing in the feed to deliver.
 *
 * An enrollment withdrawn must also reach the device that enrolled it, whose users may not include
 * the template's user: its tombstone is appended a second time for that device (`device:<id>`),
 * and such an entry is only ever a tombstone.
 */
export const deviceAudience = (deviceId: string): string => `device:${deviceId}`;

interface Head extends Partial<SealedTemplate> {
  id: string;
  version: number;
  state: string;
  sealed_version: number | null;
}

export async function deliverFaceTemplates(db: Queryable, userId: string, changes: readonly Change[], key: FaceTemplateKey | null, now: Date): Promise<Change[]> {
  const users = [...new Set(changes.flatMap((c) => (c.table === 'face_templates' ? [c.row.user_id] : [])))];
  if (users.length === 0) return [...changes];
  const heads = new Map(
    (await db.query<Head>(
      `SELECT t.id, t.version, t.state, c.version AS sealed_version, c.key_id AS "keyId", c.iv, c.ciphertext, c.tag
         FROM face_templates t LEFT JOIN face_template_ciphertexts c ON c.user_id = t.id WHERE t.id = ANY($1::text[])`,
      [users],
    )).map((head) => [head.id, head]),
  );
  const own = heads.get(userId);
  const templateKey = key && own?.state === 'present' ? await key(db, now) : null;
  const delivered: Change[] = [];
  for (const change of changes) {
    if (change.table !== 'face_templates') {
      delivered.push(change);
      continue;
    }
    const row: FaceTemplateRow = change.row;
    const head = heads.get(row.user_id);
    if (!head || row.version !== head.version) continue;
    if (row.state !== 'present') {
      delivered.push(change);
      continue;
    }
    if (row.user_id !== userId) continue; // a template goes to its own user only
    const sealed = head.sealed_version === row.version && head.keyId && head.iv && head.ciphertext && head.tag
      ? { keyId: head.keyId, iv: head.iv, ciphertext: head.ciphertext, tag: head.tag }
      : null;
    const descriptor = templateKey && sealed ? openTemplate(templateKey, userId, row.version, sealed) : null;
    if (descriptor) delivered.push({ ...change, row: { ...row, descriptor } });
  }
  return delivered;
}
