import assert from 'node:assert/strict';
import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { test } from 'node:test';
import { generateSm2KeyPairWith, sm2SignWith, type RandomHex } from '../../../shared/signing/sm2';
import { generateSm2KeyPair, sm2Sign, sm2Verify } from './sm2';

/**
 * GB/T 32918.2-2016 appendix A (= GM/T 0003-2012 part 5, the recommended 256-bit curve):
 * signer A, default ID 1234567812345678, message "message digest".
 */
const annexA = {
  message: new TextEncoder().encode('message digest'),
  d: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  publicKey:
    '04' + '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020' + 'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  k: '59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21',
  r: 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3',
  s: 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
};

test('SM3 gives the GM/T 0004 example digest of "abc"', () => {
  assert.equal(createHash('sm3').update('abc').digest('hex'), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
});

test('the standard example signature verifies, and fails on any other message', () => {
  assert.equal(sm2Verify(annexA.message, annexA.r + annexA.s, annexA.publicKey), true);
  assert.equal(sm2Verify(new TextEncoder().encode('message digesT'), annexA.r + annexA.s, annexA.publicKey), false);
});

test('with the example nonce k, the signing path reproduces the standard r and s exactly', () => {
  // Our scalars are (seed mod (n-1)) + 1, so a generator that always answers k-1 makes every nonce k.
  const kMinusOne: RandomHex = (bytes) => (BigInt(`0x${annexA.k}`) - 1n).toString(16).padStart(bytes * 2, '0');
  const key = { privateKey: annexA.d, publicKey: annexA.publicKey };
  assert.equal(sm2SignWith(kMinusOne, annexA.message, key), annexA.r + annexA.s);
  assert.equal(generateSm2KeyPairWith(kMinusOne).privateKey, annexA.k);
});

test('a signature whose r or s lies outside [1, n-1] is refused (GB/T 32918.2 7.1, B1-B2)', () => {
  const n = 'fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123';
  assert.equal(sm2Verify(annexA.message, '0'.repeat(64) + annexA.s, annexA.publicKey), false);
  assert.equal(sm2Verify(annexA.message, annexA.r + '0'.repeat(64), annexA.publicKey), false);
  assert.equal(sm2Verify(annexA.message, annexA.r + n, annexA.publicKey), false);
  assert.equal(sm2Verify(annexA.message, n + annexA.s, annexA.publicKey), false);
});

test("Node 20's crypto.sign('sm3') over an SM2-curve key is not SM2: the two do not verify each other", () => {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const publicHex = spki.subarray(spki.length - 65).toString('hex');
  const message = new TextEncoder().encode('prescription');
  const nodeSignature = sign('sm3', message, { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('hex');
  assert.equal(sm2Verify(message, nodeSignature, publicHex), false);

  const annexKey = createPublicKey({ key: Buffer.concat([spki.subarray(0, spki.length - 65), Buffer.from(annexA.publicKey, 'hex')]), format: 'der', type: 'spki' });
  assert.equal(verify('sm3', annexA.message, { key: annexKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(annexA.r + annexA.s, 'hex')), false);
});

test('our signatures verify, are randomised, and fail for another key', () => {
  const key = generateSm2KeyPair();
  const other = generateSm2KeyPair();
  const message = new TextEncoder().encode('{"a":1}');
  const one = sm2Sign(message, key);
  const two = sm2Sign(message, key);
  assert.notEqual(one, two);
  assert.equal(sm2Verify(message, one, key.publicKey), true);
  assert.equal(sm2Verify(message, two, key.publicKey), true);
  assert.equal(sm2Verify(message, one, other.publicKey), false);
  assert.equal(sm2Verify(message, 'zz', key.publicKey), false);
});
