import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { QuarantineContents, SealedQuarantineArchive } from '../../../shared/ipc/adminChannels';
import { AppFailure } from '../../../shared/result';

/**
 * scrypt's cost (RFC 7914; N = 2^15, r = 8 is OWASP's floor for interactive use): about 32 MiB and
 * a tenth of a second to derive the key, the price of every guess at the passphrase.
 */
const cost = { n: 2 ** 15, r: 8, p: 1 } as const;
const maxmem = 64 * 1024 * 1024;

function deriveKey(passphrase: string, salt: Buffer, params: { n: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, { N: params.n, r: params.r, p: params.p, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** The header is bound to the ciphertext as additional data: a changed parameter fails like a changed byte. */
const headerOf = (archive: Pick<SealedQuarantineArchive, 'format' | 'cipher' | 'kdf'>): Buffer =>
  Buffer.from(JSON.stringify([archive.format, archive.cipher, archive.kdf]));

/** Seals the contents with a key derived from the passphrase (AES-256-GCM, a fresh salt and IV each time). */
export async function sealQuarantine(contents: QuarantineContents, passphrase: string): Promise<SealedQuarantineArchive> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await deriveKey(passphrase, salt, cost);
  const header = { format: 'caredesk.quarantine-archive/1', cipher: 'aes-256-gcm', kdf: { name: 'scrypt', ...cost, salt: salt.toString('base64') } } as const;
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(headerOf(header));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(contents), 'utf8'), cipher.final()]);
  return { ...header, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
}

/**
 * Opens an archive (for the hospital's replay tooling and the tests). A wrong passphrase and a
 * changed file are one answer, `ARCHIVE_UNREADABLE`: GCM cannot tell them apart, and neither
 * yields anything.
 */
export async function openQuarantine(file: unknown, passphrase: string): Promise<QuarantineContents> {
  const archive = SealedQuarantineArchive.safeParse(file);
  if (!archive.success) throw new AppFailure('INVALID_FILE', 'This is not a CareDesk quarantine archive.');
  const { kdf } = archive.data;
  // Refuse a cost this side would not have chosen: a forged header must not make us spend minutes or gigabytes.
  if (kdf.n !== cost.n || kdf.r !== cost.r || kdf.p !== cost.p) throw new AppFailure('INVALID_FILE', 'The archive names key parameters CareDesk does not use.');
  const key = await deriveKey(passphrase, Buffer.from(kdf.salt, 'base64'), kdf);
  let plaintext: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(archive.data.iv, 'base64'), { authTagLength: 16 });
    decipher.setAAD(headerOf(archive.data));
    decipher.setAuthTag(Buffer.from(archive.data.tag, 'base64'));
    plaintext = Buffer.concat([decipher.update(Buffer.from(archive.data.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new AppFailure('ARCHIVE_UNREADABLE', 'The passphrase is wrong, or the archive was changed after it was sealed.');
  }
  return QuarantineContents.parse(JSON.parse(plaintext));
}
