import { z } from 'zod';

/**
 * The signer's signature over a signed document: a prescription (issue 4, DESIGN.md "Trust"), an
 * outpatient record (issue 11, emrWire.ts). SM2 (GM/T 0003) with SM3 (GM/T 0004) over the canonical JSON (shared/domain/canonical.ts) of the payload without
 * this `signature` field. `value` is r || s (64 bytes, hex); `publicKey` is the uncompressed point
 * (04 || x || y, hex); `signerUid` is the distinguishing id hashed into Z (GM/T 0009's default
 * 1234567812345678). `certificateId` is null until the hospital CA issues certificates: then it
 * names the certificate that binds `publicKey` to the prescriber.
 */
export const PrescriptionSignature = z.object({
  algorithm: z.literal('SM2-SM3'),
  signerUid: z.string().min(1).max(64),
  publicKey: z.string().regex(/^04[0-9a-f]{128}$/, 'expected an uncompressed SM2 public key in hex'),
  certificateId: z.string().max(200).nullable(),
  value: z.string().regex(/^[0-9a-f]{128}$/, 'expected r || s in hex'),
});
export type PrescriptionSignature = z.infer<typeof PrescriptionSignature>;
