/**
 * The key roaming face templates are encrypted with at rest (issue 9). Configuration, as the CA key
 * is (signing/ca.ts): in production `faceKeyFromFile`, 32 random bytes as 64 hex characters in a
 * file given with `--face-template-key` (or CAREDESK_FACE_TEMPLATE_KEY_FILE), never in the
 * database; in tests and the demo only, `testFaceTemplateKey`, generated on first use and kept in
 * `face_template_test_keys` (server/README.md, "Roaming face templates"). A server with neither
 * refuses templates (ROAMING_UNAVAILABLE): they stay on their enrolling workstations.
 *
 * AES-256-GCM, a fresh 96-bit IV per template, the user id and version as additional data, so a
 * ciphertext moved to another user's row or replayed as another version does not decrypt.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Queryable } from '../db/types';

export interface TemplateKey {
  /** A short fingerprint of the key, stored with each ciphertext (a later key rotation reads it). */
  id: string;
  key: Buffer;
}
export type FaceTemplateKey = (q: Queryable, now: Date) => Promise<TemplateKey>;

const keyOf = (key: Buffer): TemplateKey => ({ id: createHash('sha256').update(key).digest('hex').slice(0, 16), key });

/** Reads and checks the file now, so a wrong path or a malformed key stops the server at startup. */
export function faceKeyFromFile(path: string): FaceTemplateKey {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new Error(`the face template key file ${path} is unreadable: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!/^[0-9a-f]{64}$/.test(text)) throw new Error(`the face template key file ${path} must hold 32 bytes as 64 lower-case hex characters`);
  const key = keyOf(Buffer.from(text, 'hex'));
  return () => Promise.resolve(key);
}

/** Tests and the demo only: a key made on first use, kept in the database. */
export const testFaceTemplateKey: FaceTemplateKey = async (q, now) => {
  // Two first uses racing: one insert wins, both read the winner.
  await q.query(`INSERT INTO face_template_test_keys (id, key, created_at) VALUES ('test', $1, $2) ON CONFLICT (id) DO NOTHING`, [randomBytes(32).toString('hex'), now]);
  const [row] = await q.query<{ key: string }>(`SELECT key FROM face_template_test_keys WHERE id = 'test'`);
  if (!row) throw new Error('the test face template key could not be stored');
  return keyOf(Buffer.from(row.key, 'hex'));
};

export interface SealedTemplate {
  keyId: string;
  iv: string;
  ciphertext: string;
  tag: string;
}

const additionalData = (userId: string, version: number) => Buffer.from(`face-template/${userId}/${version}`);

/** The descriptor as Float32 little-endian bytes, encrypted; base64 fields. */
export function sealTemplate(key: TemplateKey, userId: string, version: number, descriptor: readonly number[]): SealedTemplate {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(additionalData(userId, version));
  const plain = Buffer.from(Float32Array.from(descriptor).buffer);
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  plain.fill(0);
  return { keyId: key.id, iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** Null when the key is another one or the ciphertext was altered or moved: never a wrong template. */
export function openTemplate(key: TemplateKey, userId: string, version: number, sealed: SealedTemplate): number[] | null {
  if (sealed.keyId !== key.id) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(additionalData(userId, version));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
    return Array.from(new Float32Array(plain.buffer.slice(plain.byteOffset, plain.byteOffset + plain.byteLength)));
  } catch {
    return null;
  }
}
