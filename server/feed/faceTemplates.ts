import type { FaceTemplateRow } from '../../shared/sync/faceWire';
import type { Change } from '../../shared/sync/wire';
import type { Queryable } from '../db/types';
import { openTemplate, type FaceTemplateKey, type SealedTemplate } from '../face/templateKey';

/**
 * A roaming template reaches only its own user's devices (issue 9): every `face_templates` change
 * has that user as its audience (pull.ts sends it to their token alone, migration 017 refuses one
 * without), and a token is issued only to an approved device the user signed in on online with
 * its password, and stops working when the device is revoked (auth/tokens.ts). So "the user's
 * approved workstations" is exactly: the devices that pull with a live token of that user.
 *
 * The feed entry holds no descriptor. Here, at read time, an entry of the user's current version
 * is answered with the template decrypted from the one encrypted copy; an entry a later upload or
 * withdrawal superseded is left out (its successor is further on in the feed); a tombstone is sent
 * as it is. So a withdrawal, which deletes the copy, leaves nothing in the feed to deliver.
 */
export async function deliverFaceTemplates(db: Queryable, userId: string, changes: readonly Change[], key: FaceTemplateKey | null, now: Date): Promise<Change[]> {
  if (!changes.some((c) => c.table === 'face_templates')) return [...changes];
  const [current] = await db.query<{ version: number; state: string } & Partial<SealedTemplate & { sealed_version: number }>>(
    `SELECT t.version, t.state, c.version AS sealed_version, c.key_id AS "keyId", c.iv, c.ciphertext, c.tag
       FROM face_templates t LEFT JOIN face_template_ciphertexts c ON c.user_id = t.id WHERE t.id = $1`,
    [userId],
  );
  const templateKey = key && current?.state === 'present' ? await key(db, now) : null;
  const delivered: Change[] = [];
  for (const change of changes) {
    if (change.table !== 'face_templates') {
      delivered.push(change);
      continue;
    }
    const row: FaceTemplateRow = change.row;
    if (row.user_id !== userId || !current || row.version !== current.version) continue;
    if (row.state !== 'present') {
      delivered.push(change);
      continue;
    }
    const sealed = current.sealed_version === row.version && current.keyId && current.iv && current.ciphertext && current.tag
      ? { keyId: current.keyId, iv: current.iv, ciphertext: current.ciphertext, tag: current.tag }
      : null;
    const descriptor = templateKey && sealed ? openTemplate(templateKey, userId, row.version, sealed) : null;
    if (descriptor) delivered.push({ ...change, row: { ...row, descriptor } });
  }
  return delivered;
}
