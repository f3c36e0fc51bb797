import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from './app';
import { testCa } from './signing/ca';
import { isLoopback, runServerCommand } from './cli';
import { openTestDatabase } from './test-support/databases';

test('plain HTTP is refused off loopback, and flags are checked', async () => {
  assert.equal(isLoopback('127.0.0.1'), true);
  assert.equal(isLoopback('0.0.0.0'), false);
  assert.equal(await runServerCommand(['--host', '0.0.0.0', '--data-dir', '/nonexistent']), 2);
  assert.equal(await runServerCommand(['--tls-cert', 'x']), 2);
  assert.equal(await runServerCommand(['--port', 'abc']), 2);
  assert.equal(await runServerCommand(['--bogus']), 2);
  assert.equal(await runServerCommand(['--host', '10.0.0.5', '--auto-approve-devices', '--tls-cert', 'a', '--tls-key', 'b']), 2);
});

test('the server does not start without a CA: the hospital key file, or the test CA on loopback', async () => {
  const saved = process.env.CAREDESK_CA_KEY_FILE;
  delete process.env.CAREDESK_CA_KEY_FILE;
  try {
    assert.equal(await runServerCommand(['--data-dir', '/nonexistent']), 2, 'no CA given');
    assert.equal(await runServerCommand(['--data-dir', '/nonexistent', '--ca-key', '/nonexistent/ca.json']), 2, 'an unreadable key file');
    assert.equal(await runServerCommand(['--data-dir', '/nonexistent', '--ca-key', '/nonexistent/ca.json', '--test-ca']), 2, 'both');
    assert.equal(await runServerCommand(['--host', '10.0.0.5', '--tls-cert', 'a', '--tls-key', 'b', '--test-ca']), 2, 'the test CA off loopback');
  } finally {
    if (saved !== undefined) process.env.CAREDESK_CA_KEY_FILE = saved;
  }
});

test('with a certificate the server speaks HTTPS', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'caredesk-tls-'));
  const testDb = await openTestDatabase('pglite');
  const { db } = testDb;
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    const cert = readFileSync(join(dir, 'cert.pem'));
    const app = buildServer({ db, ca: testCa, tls: { cert, key: readFileSync(join(dir, 'key.pem')) } });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    assert.match(address, /^https:/);
    // The workstation pins the server's certificate: here, by trusting exactly that one.
    const body = await new Promise<string>((resolve, reject) => {
      request(`${address}/health`, { ca: cert }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve(text));
      }).on('error', reject).end();
    });
    assert.equal((JSON.parse(body) as { status: string }).status, 'ok');
    await app.close();
  } finally {
    await testDb.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
