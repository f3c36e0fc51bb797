/**
 * Signing certificates from the hospital CA (issue 8, item 11; DESIGN.md "Trust"). A certificate
 * binds one SM2 public key to one account: canonical JSON of `SigningCertificate`, signed by the
 * CA's SM2 key over SM3. Not X.509: Node's crypto has no SM2 certificates (server/README.md), so
 * the body is our own canonical JSON, verified with the same shared SM2 code as every document.
 */
import { z } from 'zod';
import { canonicalJson } from '../domain/canonical';
import { sm2Verify } from './sm2';

const sm2PublicKey = z.string().regex(/^04[0-9a-f]{128}$/, 'expected an uncompressed SM2 public key in hex');
const sm2Signature = z.string().regex(/^[0-9a-f]{128}$/, 'expected r || s in hex');

export const SigningCertificate = z.object({
  serial: z.string().min(1).max(200),
  userId: z.string().min(1).max(200),
  account: z.string().min(1).max(200),
  licenceNo: z.string().max(200).nullable(),
  publicKey: sm2PublicKey,
  notBefore: z.iso.datetime(),
  notAfter: z.iso.datetime(),
});
export type SigningCertificate = z.infer<typeof SigningCertificate>;

/** A certificate as the server hands it out: the body, the CA's signature over it, the CA's key. */
export const IssuedCertificate = z.object({
  certificate: SigningCertificate,
  caSignature: sm2Signature,
  caPublicKey: sm2PublicKey,
  revokedAt: z.iso.datetime().nullable(),
});
export type IssuedCertificate = z.infer<typeof IssuedCertificate>;

/** `POST /signing/keys`: the caller's SM2 public key and a signature with it over `keyRegistrationMessage`. */
export const RegisterSigningKeyRequest = z.object({ publicKey: sm2PublicKey, proof: sm2Signature });
export type RegisterSigningKeyRequest = z.infer<typeof RegisterSigningKeyRequest>;

/**
 * The fixed message the key's holder signs to prove possession when registering it. It names the
 * user, the device and the key, so a proof captured for one account or device is useless for another.
 */
export function keyRegistrationMessage(userId: string, deviceId: string, publicKey: string): Uint8Array {
  return new TextEncoder().encode(`caredesk-signing-key-registration:v1\nuser:${userId}\ndevice:${deviceId}\nkey:${publicKey}`);
}

/** The bytes the CA signs: UTF-8 of the certificate's canonical JSON. */
export function certificateBytes(certificate: SigningCertificate): Uint8Array {
  return new TextEncoder().encode(canonicalJson(certificate));
}

/** True when the CA key `caPublicKey` signed exactly this certificate. */
export function verifyCertificate(issued: Pick<IssuedCertificate, 'certificate' | 'caSignature'>, caPublicKey: string): boolean {
  return sm2Verify(certificateBytes(issued.certificate), issued.caSignature, caPublicKey);
}

/** Why a document's signer is not accepted; null when its certificate stands. */
export type SignerProblem = 'unregistered key' | 'revoked certificate' | 'expired certificate';

/**
 * The registry rule both sides apply (server: at push and review; workstation: when showing a
 * document): the signature names a certificate of that signer, for exactly the key that signed,
 * not revoked and valid at `at`. The server asks at arrival (`at` is now); a workstation asks at
 * the document's signing time, so a signature made before its key was revoked or replaced stays
 * verified against the certificate that stood then.
 */
export function signerProblem(
  certificate: { userId: string; publicKey: string; notBefore: string; notAfter: string; revokedAt: string | null } | undefined,
  signer: { userId: string; publicKey: string },
  at: Date,
): SignerProblem | null {
  if (!certificate || certificate.userId !== signer.userId || certificate.publicKey !== signer.publicKey) return 'unregistered key';
  if (certificate.revokedAt !== null && new Date(certificate.revokedAt) <= at) return 'revoked certificate';
  if (at < new Date(certificate.notBefore) || at > new Date(certificate.notAfter)) return 'expired certificate';
  return null;
}
