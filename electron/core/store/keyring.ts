import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppFailure } from '../../../shared/result';

/** Where the store's 32-byte key lives. The store never sees where it came from. */
export interface KeySource {
  readonly description: string;
  loadOrCreateKey(): Buffer;
}

const keyBytes = 32;

/**
 * A key file readable by its owner only. Used by the loopback test host and the headless CLI,
 * where no OS keychain is reachable; a desktop install uses `safeStorageKeySource`.
 */
export function keyFileSource(dataDir: string): KeySource {
  const file = join(dataDir, 'store.key');
  return {
    description: `key file ${file}`,
    loadOrCreateKey() {
      if (!existsSync(file)) {
        mkdirSync(dataDir, { recursive: true, mode: 0o700 });
        writeFileSync(file, randomBytes(keyBytes).toString('hex'), { mode: 0o600, flag: 'wx' });
      }
      if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
        chmodSync(file, 0o600);
      }
      return parseKey(readFileSync(file, 'utf8'), file);
    },
  };
}

/** The part of Electron's safeStorage this needs; main.ts passes the real one. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/**
 * The key sealed by the OS keychain (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on
 * Linux). Linux's `basic_text` backend obfuscates with a constant key, which is no protection for
 * patient data, so it is refused with an explanation rather than silently used.
 */
export function safeStorageKeySource(dataDir: string, safeStorage: SafeStorageLike): KeySource {
  const file = join(dataDir, 'store.key.sealed');
  return {
    description: 'the OS keychain',
    loadOrCreateKey() {
      const backend = safeStorage.getSelectedStorageBackend?.();
      if (!safeStorage.isEncryptionAvailable() || backend === 'basic_text' || backend === 'unknown') {
        throw new AppFailure(
          'STORE_UNAVAILABLE',
          'No OS keychain is available (install and unlock gnome-keyring or KWallet), so CareDesk will not store patient data on this computer.',
        );
      }
      if (!existsSync(file)) {
        const sealed = safeStorage.encryptString(randomBytes(keyBytes).toString('hex'));
        writeFileSync(file, sealed, { mode: 0o600, flag: 'wx' });
      }
      return parseKey(safeStorage.decryptString(readFileSync(file)), file);
    },
  };
}

function parseKey(hex: string, file: string): Buffer {
  const trimmed = hex.trim();
  if (!/^[0-9a-f]{64}$/i.test(trimmed)) {
    throw new AppFailure('STORE_UNAVAILABLE', `The store key in ${file} is malformed.`);
  }
  return Buffer.from(trimmed, 'hex');
}
