import { hashPassword, verifyPassword } from './password';

/**
 * The offline verifier a workstation makes for an account at a successful online sign-in (issue 8,
 * item 9; DESIGN.md "Trust"). It is never the server's hash: scrypt (same parameters and format as
 * password.ts, with its own random salt) over the password bound to this installation and this
 * account, so a verifier copied to another device or account checks nothing there, and a leak of
 * one workstation gives nothing to try against the server's store or other workstations.
 */
export interface VerifierBinding {
  /** The installation's own id (device/deviceIdentity.ts `localId`). */
  deviceLocalId: string;
  userId: string;
}

const bound = (binding: VerifierBinding, password: string) =>
  `caredesk-offline-verifier-v1\n${binding.deviceLocalId}\n${binding.userId}\n${password}`;

export function makeOfflineVerifier(binding: VerifierBinding, password: string, params?: Parameters<typeof hashPassword>[1]): Promise<string> {
  return hashPassword(bound(binding, password), params);
}

export function checkOfflineVerifier(binding: VerifierBinding, password: string, verifier: string): Promise<boolean> {
  return verifyPassword(bound(binding, password), verifier);
}
