/**
 * Document signatures (DESIGN.md "Trust"): an SM2-SM3 signature over the UTF-8 bytes of the
 * document's canonical JSON. The workstation's signer makes them; the workstation and the hospital
 * server check them with `verifyDocument`, the same code on both sides.
 */
import { canonicalJson } from '../domain/canonical';
import type { PrescriptionSignature } from '../sync/wire';
import { sm2Verify } from './sm2';

export const signatureAlgorithm = 'SM2-SM3' as const;

/** The signed bytes: UTF-8 of the canonical JSON (sorted keys, no white space). */
export function signedBytes(document: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(document));
}

/** True when `signature` is a valid SM2 signature over exactly this document. */
export function verifyDocument(document: unknown, signature: PrescriptionSignature): boolean {
  if (signature.algorithm !== signatureAlgorithm) return false;
  return sm2Verify(signedBytes(document), signature.value, signature.publicKey, signature.signerUid);
}
