import { randomBytes } from 'node:crypto';
import { withoutSignature, type SubmitPayload } from '../../shared/rx/document';
import { signatureAlgorithm, signedBytes } from '../../shared/signing/documentSignature';
import { defaultSm2UserId, generateSm2KeyPairWith, sm2SignWith, type Sm2KeyPair } from '../../shared/signing/sm2';

/**
 * A prescriber's signature in tests, made as the workstation's signer makes it (shared SM2 code,
 * a CSPRNG for keys and nonces), without importing the workstation (server/ never imports electron/).
 */
const random = (bytes: number): string => randomBytes(bytes).toString('hex');
const keys = new Map<string, Sm2KeyPair>();

export function testSigningKey(userId: string): Sm2KeyPair {
  let key = keys.get(userId);
  if (!key) keys.set(userId, (key = generateSm2KeyPairWith(random)));
  return key;
}

/** Who signs in a test: the user, and the certificate the hospital issued for their test key (none: unregistered). */
export interface TestSigner {
  userId: string;
  certificateId?: string | null;
}

/** The payload with `prescriber`, `signedAt` and a valid signature by the signer's test key. */
export function signAs({ userId, certificateId = null }: TestSigner, unsigned: Omit<SubmitPayload, 'signature' | 'prescriber' | 'signedAt'>, signedAt = new Date().toISOString()): SubmitPayload {
  const document = withoutSignature({ ...unsigned, prescriber: { id: userId, name: userId, licenceNo: `L-${userId}` }, signedAt });
  const key = testSigningKey(userId);
  return {
    ...document,
    signature: { algorithm: signatureAlgorithm, signerUid: defaultSm2UserId, publicKey: key.publicKey, certificateId, value: sm2SignWith(random, signedBytes(document), key) },
  };
}
