import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { freshDataDir } from '../testing/fixtures';
import { keyFileSource, safeStorageKeySource, type SafeStorageLike } from './keyring';

test('the key file is created once, readable by its owner only, and gives the same key again', () => {
  const dir = join(freshDataDir(), 'nested');
  const first = keyFileSource(dir).loadOrCreateKey();
  assert.equal(first.length, 32);
  assert.equal(statSync(join(dir, 'store.key')).mode & 0o777, 0o600);
  assert.deepEqual(keyFileSource(dir).loadOrCreateKey(), first);
});

test('a malformed key file is reported, not replaced', () => {
  const dir = freshDataDir();
  writeFileSync(join(dir, 'store.key'), 'not a key', { mode: 0o600 });
  assert.throws(() => keyFileSource(dir).loadOrCreateKey(), /malformed/);
});

/** Stands in for Electron's safeStorage, an OS facility that does not exist outside Electron. */
function osKeychain(backend: string): SafeStorageLike {
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => Buffer.from(plain, 'utf8').reverse(),
    decryptString: (sealed) => Buffer.from(sealed).reverse().toString('utf8'),
  };
}

test('with an OS keychain the key is sealed by it and stable across starts', () => {
  const dir = freshDataDir();
  const key = safeStorageKeySource(dir, osKeychain('gnome_libsecret')).loadOrCreateKey();
  assert.deepEqual(safeStorageKeySource(dir, osKeychain('gnome_libsecret')).loadOrCreateKey(), key);
});

test('Linux basic_text storage is refused: no patient data without a real keychain', () => {
  assert.throws(
    () => safeStorageKeySource(freshDataDir(), osKeychain('basic_text')).loadOrCreateKey(),
    /No OS keychain is available/,
  );
});
