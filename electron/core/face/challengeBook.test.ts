/** A challenge answers once: a replay, a late answer or an unknown nonce is refused by name. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { challengeKinds } from '../../../shared/face';
import { ChallengeBook } from './challengeBook';

describe('challenge book', () => {
  test('issues random challenges with fresh nonces and an expiry', () => {
    const book = new ChallengeBook(8000);
    const issued = Array.from({ length: 60 }, () => book.issue(1000));
    assert.equal(new Set(issued.map((c) => c.nonce)).size, 60);
    assert.deepEqual(new Set(issued.map((c) => c.kind)), new Set(challengeKinds));
    assert.ok(issued.every((c) => c.issuedAt === 1000 && c.expiresAt === 9000));
  });
  test('taken once; the same nonce again is CHALLENGE_USED', () => {
    const book = new ChallengeBook(8000);
    const c = book.issue(0);
    assert.deepEqual(book.take(c.nonce, 100), { ok: true, challenge: c });
    assert.deepEqual(book.take(c.nonce, 200), { ok: false, code: 'CHALLENGE_USED' });
  });
  test('after its expiry: CHALLENGE_EXPIRED, and it cannot be retried', () => {
    const book = new ChallengeBook(8000);
    const c = book.issue(0);
    assert.deepEqual(book.take(c.nonce, 8001), { ok: false, code: 'CHALLENGE_EXPIRED' });
    assert.deepEqual(book.take(c.nonce, 8002), { ok: false, code: 'CHALLENGE_USED' });
  });
  test('a nonce never issued: CHALLENGE_UNKNOWN', () => assert.deepEqual(new ChallengeBook().take('forged', 0), { ok: false, code: 'CHALLENGE_UNKNOWN' }));
});
