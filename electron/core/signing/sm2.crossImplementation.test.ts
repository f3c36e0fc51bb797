import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import smCrypto from 'sm-crypto';
import { generateSm2KeyPair, sm2Sign, sm2Verify } from './sm2';

/**
 * The SM2 implementation was swapped (sm-crypto 0.5.8 for sm-crypto-v2, issue 8): every signature a
 * workstation made before the swap is still in the feed and must still verify, and a workstation not
 * yet upgraded must accept what an upgraded one signs. sm-crypto stays a dev dependency for this.
 */
const rounds = 40;

const randomMessage = () => randomBytes(1 + (randomBytes(1)[0]! % 200));

test('every signature the old implementation makes verifies with ours, and only for its own message and key', () => {
  for (let i = 0; i < rounds; i++) {
    const key = smCrypto.sm2.generateKeyPairHex();
    const other = generateSm2KeyPair();
    const message = randomMessage();
    const signature = smCrypto.sm2.doSignature(Array.from(message), key.privateKey, { hash: true, publicKey: key.publicKey, userId: '1234567812345678' });
    assert.equal(sm2Verify(message, signature, key.publicKey), true, `old signature ${i}`);
    assert.equal(sm2Verify(Buffer.concat([message, Buffer.from([0])]), signature, key.publicKey), false);
    assert.equal(sm2Verify(message, signature, other.publicKey), false);
  }
});

test('every signature ours makes verifies with the old implementation, keys included', () => {
  for (let i = 0; i < rounds; i++) {
    const key = generateSm2KeyPair();
    const message = randomMessage();
    const signature = sm2Sign(message, key);
    assert.match(signature, /^[0-9a-f]{128}$/);
    assert.equal(smCrypto.sm2.doVerifySignature(Array.from(message), signature, key.publicKey, { hash: true, userId: '1234567812345678' }), true, `new signature ${i}`);
    // Our key pairs are the old library's too: what it signs with our private key verifies under our public key.
    const oldWithOurKey = smCrypto.sm2.doSignature(Array.from(message), key.privateKey, { hash: true, publicKey: key.publicKey, userId: '1234567812345678' });
    assert.equal(sm2Verify(message, oldWithOurKey, key.publicKey), true);
  }
});

test('a user ID other than the default is hashed into Z the same way by both', () => {
  const key = generateSm2KeyPair();
  const message = randomMessage();
  const signature = sm2Sign(message, key, 'pharmacist@hospital');
  assert.equal(smCrypto.sm2.doVerifySignature(Array.from(message), signature, key.publicKey, { hash: true, userId: 'pharmacist@hospital' }), true);
  assert.equal(sm2Verify(message, signature, key.publicKey), false);
  assert.equal(sm2Verify(message, signature, key.publicKey, 'pharmacist@hospital'), true);
});
