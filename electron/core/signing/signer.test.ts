import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { freshDataDir } from '../testing/fixtures';
import { openDatabase } from '../store/database';
import { createSigner, signedBytes, verifyDocument } from './signer';
import { sm2Verify } from './sm2';

const db = openDatabase(join(freshDataDir(), 'store.db'), randomBytes(32));
const signer = createSigner(db);
const document = { id: 'rx-1', issuedOn: '2026-11-26', items: [{ drug: 'amlodipine', dose: '5 mg', days: 28 }], reason: null };

test('a signature verifies over the canonical document, whatever the key order', () => {
  const signature = signer.sign('user-1', document);
  assert.equal(signature.algorithm, 'SM2-SM3');
  assert.equal(signature.certificateId, null, 'no hospital CA yet: the seam is there, empty');
  assert.equal(verifyDocument(document, signature), true);
  const reordered = { reason: null, items: document.items, issuedOn: document.issuedOn, id: document.id };
  assert.equal(verifyDocument(reordered, signature), true);
});

test('altering any byte of the signed document fails verification', () => {
  const signature = signer.sign('user-1', document);
  const bytes = signedBytes(document);
  for (let i = 0; i < bytes.length; i++) {
    const altered = Uint8Array.from(bytes);
    altered[i] = altered[i]! ^ 0x01;
    // The altered bytes are verified as they are: an altered byte need not be valid JSON any more.
    assert.equal(verifyDocumentBytes(altered, signature), false, `byte ${i}`);
  }
});

test('each user has one key pair, kept in the store; another key does not verify', () => {
  const a = signer.publicKeyOf('user-1');
  assert.equal(signer.publicKeyOf('user-1'), a);
  assert.equal(createSigner(db).publicKeyOf('user-1'), a, 'read back from the store');
  const b = signer.publicKeyOf('user-2');
  assert.notEqual(a, b);
  const signature = signer.sign('user-1', document);
  assert.equal(verifyDocument(document, { ...signature, publicKey: b }), false);
  const row = db.prepare(`SELECT private_key FROM signing_keys WHERE user_id = 'user-1'`).get() as { private_key: string };
  assert.match(row.private_key, /^[0-9a-f]{64}$/);
});

function verifyDocumentBytes(bytes: Uint8Array, signature: ReturnType<typeof signer.sign>): boolean {
  return sm2Verify(bytes, signature.value, signature.publicKey, signature.signerUid);
}
