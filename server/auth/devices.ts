import { createPublicKey, randomUUID, verify, type KeyObject } from 'node:crypto';
import type { Queryable } from '../db/types';
import { HttpError } from '../http/errors';

export type DeviceStatus = 'pending' | 'approved' | 'revoked';
export interface DeviceRecord {
  id: string;
  name: string;
  publicKey: string;
  status: DeviceStatus;
  registeredAt: Date;
  decidedBy: string | null;
}

/** Parses a base64 SPKI Ed25519 public key, or explains what is wrong with it. */
export function parsePublicKey(base64: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw new HttpError(400, 'INVALID_REQUEST', 'publicKey is not a base64 SPKI DER public key');
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new HttpError(400, 'INVALID_REQUEST', `publicKey must be Ed25519, got ${key.asymmetricKeyType ?? 'unknown'}`);
  }
  return key;
}

export function verifyDeviceSignature(publicKeyBase64: string, message: string, signatureBase64: string): boolean {
  try {
    return verify(null, Buffer.from(message, 'utf8'), parsePublicKey(publicKeyBase64), Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

/**
 * A new device waits for an admin (DESIGN.md "Trust"): it can ask for nothing until approved.
 * `approved` is for the bootstrap admin's own device and for demo servers started with
 * `--auto-approve-devices` (loopback only).
 */
export async function registerDevice(
  q: Queryable,
  input: { name: string; publicKey: string },
  approved: { by: string | null } | null = null,
): Promise<{ id: string; status: 'pending' | 'approved' }> {
  parsePublicKey(input.publicKey);
  const id = randomUUID();
  const status = approved ? 'approved' : 'pending';
  await q.query(
    `INSERT INTO devices (id, name, public_key, status, decided_by, decided_at)
     VALUES ($1, $2, $3, $4, $5, CASE WHEN $4 = 'approved' THEN now() END)`,
    [id, input.name, input.publicKey, status, approved?.by ?? null],
  );
  return { id, status };
}

const columns = `id, name, public_key AS "publicKey", status, registered_at AS "registeredAt", decided_by AS "decidedBy"`;

export async function findDevice(q: Queryable, id: string): Promise<DeviceRecord | null> {
  const [row] = await q.query<DeviceRecord>(`SELECT ${columns} FROM devices WHERE id = $1`, [id]);
  return row ?? null;
}

export async function listDevices(q: Queryable): Promise<DeviceRecord[]> {
  return q.query<DeviceRecord>(`SELECT ${columns} FROM devices ORDER BY registered_at, id`);
}

/**
 * Approve or revoke. Revocation is final (a stolen laptop does not come back; register anew) and
 * ends the device's tokens at once; its unsent outbox stays on the device, quarantined.
 */
export async function decideDevice(tx: Queryable, id: string, decision: 'approved' | 'revoked', adminId: string): Promise<DeviceRecord> {
  const [device] = await tx.query<DeviceRecord>(`SELECT ${columns} FROM devices WHERE id = $1 FOR UPDATE`, [id]);
  if (!device) throw new HttpError(404, 'NOT_FOUND', 'no such device');
  if (device.status === 'revoked') throw new HttpError(409, 'CONFLICT', 'the device is revoked; it must register again');
  await tx.query(`UPDATE devices SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1`, [id, decision, adminId]);
  if (decision === 'revoked') await tx.query(`UPDATE tokens SET revoked_at = now() WHERE device_id = $1 AND revoked_at IS NULL`, [id]);
  return { ...device, status: decision, decidedBy: adminId };
}

export function deviceStatusError(status: DeviceStatus): HttpError | null {
  if (status === 'revoked') return new HttpError(403, 'DEVICE_REVOKED', 'this device has been revoked by an administrator; keep its unsent changes quarantined');
  if (status === 'pending') return new HttpError(403, 'DEVICE_PENDING', 'this device is waiting for an administrator to approve it');
  return null;
}
