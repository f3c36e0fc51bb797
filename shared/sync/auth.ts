import { z } from 'zod';
import { Role } from '../domain/roles';

/**
 * Devices and tokens. Flow for a workstation:
 *  1. On first start it makes an Ed25519 key pair, keeps the private key, and registers the public
 *     key: `POST /devices/register` -> `{ deviceId, status: 'pending' }`. An admin approves it.
 *  2. To sign a user in: `POST /auth/challenge { deviceId }` -> a single-use nonce (2 minutes),
 *     then `POST /auth/token` with account, password and an Ed25519 signature over
 *     `tokenChallengeMessage(...)`. Binding the device id and account into the signed bytes means a
 *     signature proves this device asked for this account, and cannot be replayed for another.
 *  3. Every other route takes `Authorization: Bearer <token>`. A token belongs to one user on one
 *     device; revoking the device or suspending the user ends it at once.
 * Public keys travel as base64 of the SPKI DER encoding (`key.export({ type: 'spki', format: 'der' })`).
 */
const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'expected base64').max(200);
const uuid = z.uuid();

export const DeviceRegistration = z.object({ name: z.string().trim().min(1).max(100), publicKey: base64 });
export const RegisterDeviceRequest = DeviceRegistration;
/** `approved` only on demo servers started with --auto-approve-devices. */
export const RegisterDeviceResponse = z.object({ deviceId: uuid, status: z.enum(['pending', 'approved']) });

export const ChallengeRequest = z.object({ deviceId: uuid });
export const ChallengeResponse = z.object({ challengeId: uuid, nonce: z.string(), expiresAt: z.string() });

export const TokenRequest = z.object({
  account: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  deviceId: uuid,
  challengeId: uuid,
  signature: base64,
});
export type TokenRequest = z.infer<typeof TokenRequest>;

export const AccountView = z.object({
  id: z.string(),
  account: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  department: z.string(),
  licenceNo: z.string(),
  suspended: z.boolean(),
});
export type AccountView = z.infer<typeof AccountView>;

/**
 * `offlineVerifier`: whether the device may keep an offline verifier for this account, made from
 * the password it just sent (never the server's hash; none for admins). Absent from older servers:
 * then it keeps none.
 */
/**
 * `passwordChangeRequired`: the account must choose its own password (issue 12); the token then
 * serves only `POST /auth/password`, and no verifier is granted.
 */
export const TokenResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: AccountView,
  offlineVerifier: z.boolean().default(false),
  passwordChangeRequired: z.boolean().default(false),
});

/** `GET /auth/offline-verifiers`: the accounts this device may keep a verifier for; it deletes the rest. */
export const OfflineVerifiersResponse = z.object({ accounts: z.array(z.string()) });

export const BootstrapAdminRequest = z.object({
  code: z.string().min(1).max(100),
  account: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash, underscore'),
  password: z.string().min(10, 'at least 10 characters').max(256),
  displayName: z.string().trim().min(1).max(100),
  device: DeviceRegistration,
});
export const BootstrapAdminResponse = z.object({ userId: uuid, deviceId: uuid });

/** The exact bytes a device signs to obtain a token (UTF-8). */
export function tokenChallengeMessage(deviceId: string, account: string, nonce: string): string {
  return `caredesk-token-v1\n${deviceId}\n${account.toLowerCase()}\n${nonce}`;
}
