/**
 * Accepted face checks that a signed act may name as its verification "at the moment of signing"
 * (issue 9, item 3): finished within the last 60 s, by the signer, and spent once. A replay gets
 * FACE_ATTEMPT_USED; an id never accepted here FACE_ATTEMPT_UNKNOWN; an old one or another user's
 * FACE_ATTEMPT_STALE. Kept in memory: a restart ends every session, and with it every proof.
 */
import { AppFailure } from '../../../shared/result';

export const SIGNING_PROOF_MS = 60_000;

export interface SigningProofs {
  /** Throws unless the attempt may verify this user's act now; changes nothing. */
  check(attemptId: string, userId: string): void;
  /** Marks it used; call right before the act's transaction, after every other check passed. */
  spend(attemptId: string): void;
}

export class AcceptedAttempts implements SigningProofs {
  private readonly accepted = new Map<string, { userId: string; finishedAt: number; used: boolean }>();

  constructor(private readonly now: () => number) {}

  record(attemptId: string, userId: string): void {
    this.forgetOld();
    this.accepted.set(attemptId, { userId, finishedAt: this.now(), used: false });
  }

  check(attemptId: string, userId: string): void {
    const proof = this.accepted.get(attemptId);
    if (!proof) throw new AppFailure('FACE_ATTEMPT_UNKNOWN', 'No accepted face check has that id on this workstation.');
    if (proof.used) throw new AppFailure('FACE_ATTEMPT_USED', 'That face check was already used for a signature; do a new one.');
    if (proof.userId !== userId || this.now() - proof.finishedAt > SIGNING_PROOF_MS) {
      throw new AppFailure('FACE_ATTEMPT_STALE', 'That face check is older than 60 seconds or not yours; do a new one.');
    }
  }

  spend(attemptId: string): void {
    const proof = this.accepted.get(attemptId);
    if (proof) proof.used = true;
  }

  /** Spent and stale proofs are kept a while longer, so a replay says "used", not "unknown". */
  private forgetOld(): void {
    for (const [id, proof] of this.accepted) if (this.now() - proof.finishedAt > 10 * SIGNING_PROOF_MS) this.accepted.delete(id);
  }
}
