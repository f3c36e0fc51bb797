import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { Db } from '../store/database';

export interface DeviceIdentity {
  /** This installation's own id, in every audit entry it writes. */
  localId: string;
  /** Ed25519 key pair; the private key never leaves the encrypted store. */
  publicKeySpkiBase64: string;
  privateKeyPem: string;
  /** The id the hospital server gave this device at registration, once registered. */
  serverDeviceId: string | null;
}

/** The workstation's identity, made on first start and kept in the encrypted store. */
export function deviceIdentity(db: Db): DeviceIdentity {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?');
  const put = db.prepare<[string, string]>('INSERT OR IGNORE INTO sync_state (key, value) VALUES (?, ?)');
  db.transaction(() => {
    if (get.get('device.local_id')) return;
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    put.run('device.local_id', randomUUID());
    put.run('device.public_key', publicKey.export({ type: 'spki', format: 'der' }).toString('base64'));
    put.run('device.private_key', privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  })();
  return {
    localId: get.get('device.local_id')!.value,
    publicKeySpkiBase64: get.get('device.public_key')!.value,
    privateKeyPem: get.get('device.private_key')!.value,
    serverDeviceId: get.get('device.server_id')?.value ?? null,
  };
}

export function rememberServerDeviceId(db: Db, serverDeviceId: string): void {
  db.prepare(`INSERT INTO sync_state (key, value) VALUES ('device.server_id', ?)
              ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(serverDeviceId);
}

/**
 * Forgets the server registration and makes a new key pair, for a device the server revoked
 * (revocation is final there: the device comes back only as a new registration, approved anew).
 * The old key is not reused, since revocation may mean it was exposed. Run inside the caller's
 * transaction, then copy the returned keys into the live identity.
 */
export function renewDeviceRegistration(db: Db): Pick<DeviceIdentity, 'publicKeySpkiBase64' | 'privateKeyPem'> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const keys = {
    publicKeySpkiBase64: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  const set = db.prepare<[string, string]>(`UPDATE sync_state SET value = ? WHERE key = ?`);
  set.run(keys.publicKeySpkiBase64, 'device.public_key');
  set.run(keys.privateKeyPem, 'device.private_key');
  db.prepare(`DELETE FROM sync_state WHERE key = 'device.server_id'`).run();
  return keys;
}
