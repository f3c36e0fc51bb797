/**
 * The challenges main has issued and not yet seen answered (issue 9: "a replayed challenge answer"
 * gets a specific error and changes nothing). A nonce is taken once; taking it again, or after its
 * expiry, or one never issued, is refused with its own code.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { CHALLENGE_TTL_MS, pickChallenge, type LivenessChallenge, type LivenessCheck, type PassiveCheck } from '../../../shared/face';

export type ChallengeRefusal = 'CHALLENGE_UNKNOWN' | 'CHALLENGE_USED' | 'CHALLENGE_EXPIRED';

export class ChallengeBook {
  private readonly open = new Map<string, LivenessCheck>();
  /** Taken nonces, kept until their expiry so a replay says "used", not "unknown". */
  private readonly used = new Map<string, number>();

  constructor(private readonly ttlMs = CHALLENGE_TTL_MS) {}

  issue(now: number): LivenessChallenge {
    this.forgetExpired(now);
    const challenge = pickChallenge((n) => randomInt(n), randomUUID(), now, this.ttlMs);
    this.open.set(challenge.nonce, challenge);
    return challenge;
  }

  /** The 'passive' policy's window: no challenge to perform, the same single-use nonce and expiry. */
  issuePassive(now: number): PassiveCheck {
    this.forgetExpired(now);
    const check: PassiveCheck = { kind: 'none', nonce: randomUUID(), issuedAt: now, expiresAt: now + this.ttlMs };
    this.open.set(check.nonce, check);
    return check;
  }

  take(nonce: string, now: number): { ok: true; challenge: LivenessCheck } | { ok: false; code: ChallengeRefusal } {
    const challenge = this.open.get(nonce);
    if (!challenge) return { ok: false, code: this.used.has(nonce) ? 'CHALLENGE_USED' : 'CHALLENGE_UNKNOWN' };
    this.open.delete(nonce);
    this.used.set(nonce, challenge.expiresAt);
    if (now > challenge.expiresAt) return { ok: false, code: 'CHALLENGE_EXPIRED' };
    return { ok: true, challenge };
  }

  private forgetExpired(now: number): void {
    for (const [nonce, c] of this.open) if (now > c.expiresAt + this.ttlMs) this.open.delete(nonce);
    for (const [nonce, expiresAt] of this.used) if (now > expiresAt + this.ttlMs) this.used.delete(nonce);
  }
}
