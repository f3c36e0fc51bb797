/**
 * SM2 on the workstation: the shared implementation (shared/signing/sm2.ts) with randomness from
 * Node's CSPRNG, for key pairs and per-signature nonces. Verification needs no randomness and is
 * the shared one, so the server checks signatures with exactly the code that is tested here.
 */
import { randomBytes } from 'node:crypto';
import { generateSm2KeyPairWith, sm2SignWith, type Sm2KeyPair } from '../../../shared/signing/sm2';

export { defaultSm2UserId, sm2Verify, type Sm2KeyPair } from '../../../shared/signing/sm2';

const csprngHex = (bytes: number): string => randomBytes(bytes).toString('hex');

export function generateSm2KeyPair(): Sm2KeyPair {
  return generateSm2KeyPairWith(csprngHex);
}

export function sm2Sign(message: Uint8Array, key: Sm2KeyPair, userId?: string): string {
  return sm2SignWith(csprngHex, message, key, userId);
}
