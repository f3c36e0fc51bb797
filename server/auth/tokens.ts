import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { tokenChallengeMessage, type TokenRequest } from '../../shared/sync/auth';
import type { Database, Queryable } from '../db/types';
import { HttpError } from '../http/errors';
import { findAccountByName, type AccountRecord } from './accounts';
import { deviceStatusError, findDevice, verifyDeviceSignature } from './devices';
import { grantOfflineVerifier } from './offlineVerifiers';
import { verifyPassword } from '../../common/auth/password';
import { tokenDigestOf } from '../../common/auth/requestProof';

const challengeTtlMs = 2 * 60_000;
export const defaultTokenTtlMs = 12 * 60 * 60_000;
/** Long enough to type a new password twice; the account signs in again after the change. */
const passwordChangeTtlMs = 10 * 60_000;

/** `password-change`: a token that serves only `POST /auth/password` (http/access.ts). */
export type TokenPurpose = 'session' | 'password-change';

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A single-use nonce the device must sign to prove it holds the key it registered. */
export async function issueChallenge(q: Queryable, deviceId: string, now: Date) {
  const device = await findDevice(q, deviceId);
  if (!device) throw new HttpError(404, 'NOT_FOUND', 'no such device; register it first');
  const refusal = deviceStatusError(device.status);
  if (refusal) throw refusal;
  const challengeId = randomUUID();
  const nonce = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + challengeTtlMs);
  await q.query(`INSERT INTO auth_challenges (id, device_id, nonce, expires_at) VALUES ($1, $2, $3, $4)`, [challengeId, deviceId, nonce, expiresAt]);
  return { challengeId, nonce, expiresAt: expiresAt.toISOString() };
}

// Checked when the account does not exist, so a wrong account costs as long as a wrong password.
const decoyHash = 'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export async function issueToken(db: Database, request: TokenRequest, now: Date, ttlMs = defaultTokenTtlMs) {
  // Consumed first, in its own statement: a challenge is spent even if the rest fails.
  const [challenge] = await db.query<{ nonce: string }>(
    `UPDATE auth_challenges SET used_at = $3 WHERE id = $1 AND device_id = $2 AND used_at IS NULL AND expires_at > $3 RETURNING nonce`,
    [request.challengeId, request.deviceId, now],
  );
  if (!challenge) throw new HttpError(401, 'BAD_SIGNATURE', 'the challenge is unknown, used or expired; ask for a new one');
  const device = await findDevice(db, request.deviceId);
  if (!device) throw new HttpError(404, 'NOT_FOUND', 'no such device');
  const refusal = deviceStatusError(device.status);
  if (refusal) throw refusal;
  const message = tokenChallengeMessage(request.deviceId, request.account, challenge.nonce);
  if (!verifyDeviceSignature(device.publicKey, message, request.signature)) {
    throw new HttpError(401, 'BAD_SIGNATURE', "the signature does not match this device's registered key");
  }
  const account = await findAccountByName(db, request.account);
  const passwordOk = await verifyPassword(request.password, account?.passwordHash ?? decoyHash);
  if (!account || !passwordOk) throw new HttpError(401, 'BAD_CREDENTIALS', 'wrong account or password');
  if (account.suspended) throw new HttpError(403, 'ACCOUNT_SUSPENDED', 'this account is suspended');
  const token = randomBytes(32).toString('base64url');
  // A password an admin set: a short token that serves only the change, and no offline verifier
  // (one made from this password would keep it valid offline).
  const purpose: TokenPurpose = account.mustChangePassword ? 'password-change' : 'session';
  const expiresAt = new Date(now.getTime() + (purpose === 'session' ? ttlMs : passwordChangeTtlMs));
  const offlineVerifier = await db.transaction(async (tx) => {
    await tx.query(`INSERT INTO tokens (token_hash, user_id, device_id, expires_at, purpose) VALUES ($1, $2, $3, $4, $5)`, [sha256(token), account.id, device.id, expiresAt, purpose]);
    return purpose === 'session' ? grantOfflineVerifier(tx, device.id, account, now) : false;
  });
  return { token, expiresAt: expiresAt.toISOString(), account, offlineVerifier, passwordChangeRequired: purpose === 'password-change' };
}

export interface Authenticated {
  user: AccountRecord;
  deviceId: string;
  tokenHash: string;
  /** The key the token's device registered: every request must be signed with it (requestProof.ts). */
  devicePublicKey: string;
  /** base64url SHA-256 of the token, as bound into the request proof. */
  tokenDigest: string;
  purpose: TokenPurpose;
}

/**
 * Resolves a bearer token to its user and device, checking on every request that the token is
 * live, the device still approved and the account not suspended: revocation takes effect at once.
 */
export async function authenticateToken(q: Queryable, authorization: string | undefined, now: Date): Promise<Authenticated> {
  const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(authorization ?? '');
  if (!match) throw new HttpError(401, 'UNAUTHENTICATED', 'send Authorization: Bearer <token>');
  const tokenHash = sha256(match[1]!);
  const [row] = await q.query<AccountRecord & { deviceId: string; devicePublicKey: string; deviceStatus: 'pending' | 'approved' | 'revoked'; expired: boolean; revoked: boolean; purpose: TokenPurpose }>(
    `SELECT u.id, u.account, u.display_name AS "displayName", u.roles, u.department, u.licence_no AS "licenceNo",
            u.password_hash AS "passwordHash", u.suspended, u.scope_epoch AS "scopeEpoch", u.must_change_password AS "mustChangePassword", t.purpose,
            d.id AS "deviceId", d.public_key AS "devicePublicKey", d.status AS "deviceStatus", t.expires_at <= $2 AS expired, t.revoked_at IS NOT NULL AS revoked
       FROM tokens t JOIN users u ON u.id = t.user_id JOIN devices d ON d.id = t.device_id
      WHERE t.token_hash = $1`,
    [tokenHash, now],
  );
  if (!row) throw new HttpError(401, 'UNAUTHENTICATED', 'unknown token; sign in again');
  // A revoked device is told so (not just "signed out"), so it quarantines its outbox.
  const refusal = deviceStatusError(row.deviceStatus);
  if (refusal) throw refusal;
  if (row.suspended) throw new HttpError(403, 'ACCOUNT_SUSPENDED', 'this account is suspended');
  if (row.expired || row.revoked) throw new HttpError(401, 'UNAUTHENTICATED', 'the token has expired or was revoked; sign in again');
  const { deviceId, devicePublicKey, deviceStatus: _s, expired: _e, revoked: _r, purpose, ...user } = row;
  return { user, deviceId, tokenHash, devicePublicKey, tokenDigest: tokenDigestOf(match[1]!), purpose };
}

export async function revokeToken(q: Queryable, tokenHash: string): Promise<void> {
  await q.query(`UPDATE tokens SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL`, [tokenHash]);
}
