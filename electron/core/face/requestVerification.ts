import type { SessionService } from '../session/sessionService';
import type { SigningProofs } from './signingProofs';

/** The proof of presence a signed act may carry in its own request (issue 9). */
export interface RequestProof {
  faceAttemptId?: string | undefined;
  password?: string | undefined;
}

export interface RequestVerifier {
  sessions: SessionService;
  faceProofs: SigningProofs;
}

/**
 * Checks the verification made for this request: an accepted face check (checked here, spent by
 * `spendRequestProof` once every other check passed), or the password where the site's policy
 * allows it (SessionService.reverify). Null when the request carries none.
 */
export async function verifyRequestProof(
  deps: RequestVerifier,
  proof: RequestProof,
  connectionId: string,
  userId: string,
): Promise<'face' | 'password' | null> {
  if (proof.faceAttemptId !== undefined) {
    deps.faceProofs.check(proof.faceAttemptId, userId);
    return 'face';
  }
  if (proof.password !== undefined) {
    await deps.sessions.reverify(connectionId, proof.password);
    return 'password';
  }
  return null;
}

/** Right before the act's transaction: checked again (another request may have spent it since), then spent. */
export function spendRequestProof(deps: RequestVerifier, proof: RequestProof, userId: string): void {
  if (proof.faceAttemptId === undefined) return;
  deps.faceProofs.check(proof.faceAttemptId, userId);
  deps.faceProofs.spend(proof.faceAttemptId);
}
