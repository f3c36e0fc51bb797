import assert from 'node:assert/strict';
import { execFileSync, execSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../../server/app';
import { testCa } from '../../../server/signing/ca';
import { TestHospital, demo, testHashParams } from '../../../server/test-support/hospital';
import { createCore, type Core } from '../core';
import { freshDataDir } from '../testing/fixtures';
import { serverClient } from './serverClient';
import type { ServerTrust } from './serverTrust';

/**
 * TLS between workstation and hospital server, with the server's certificate pinned. The server's
 * refusal of plain HTTP off loopback is tested in server/cli.test.ts.
 */
const certDir = freshDataDir('caredesk-tls');
const certFile = join(certDir, 'cert.pem');
// A throwaway self-signed certificate for 127.0.0.1, as a hospital without a CA would make one.
execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=caredesk-test',
  '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(certDir, 'key.pem'), '-out', certFile], { stdio: 'ignore' });
const cert = readFileSync(certFile, 'utf8');
// Pins computed by openssl, not by the code under test.
const spkiPin = `sha256/${execSync(`openssl x509 -in ${certFile} -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`).toString().trim()}`;
const fingerprint = /=([0-9A-F:]+)/.exec(execFileSync('openssl', ['x509', '-in', certFile, '-noout', '-fingerprint', '-sha256']).toString())![1]!;
const wrongPin = `sha256/${randomBytes(32).toString('base64')}`;

let hospital: TestHospital;
let tlsServer: FastifyInstance;
let baseUrl: string;
const cores: Core[] = [];

before(async () => {
  hospital = await TestHospital.start('pglite', { patients: 20 });
  // The same database behind an HTTPS listener; the hospital's own (inject) app stays for admin work.
  tlsServer = buildServer({ db: hospital.db, hashParams: testHashParams, ca: testCa, tls: { cert, key: readFileSync(join(certDir, 'key.pem')) } });
  baseUrl = await tlsServer.listen({ port: 0, host: '127.0.0.1' });
});
after(async () => {
  for (const core of cores) await core.close();
  await tlsServer.close();
  await hospital.stop();
});

function workstation(tls: ServerTrust): Core {
  const core = createCore({
    dataDir: freshDataDir('caredesk-ws-tls'),
    key: randomBytes(32),
    log: () => {},
    sync: { serverUrl: baseUrl, background: false, tls },
  });
  cores.push(core);
  return core;
}

const deviceCount = async () => (await hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM devices`))[0]!.n;

async function signInApproved(core: Core): Promise<void> {
  const first = await core.dispatch('auth:signIn', demo.doctor, 'c');
  assert.equal(first.ok ? 'ok' : first.error.code, 'DEVICE_NOT_APPROVED');
  const serverId = core.db.prepare<[], { value: string }>(`SELECT value FROM sync_state WHERE key = 'device.server_id'`).get()!.value;
  await hospital.approve(serverId);
  const second = await core.dispatch('auth:signIn', demo.doctor, 'c');
  assert.equal(second.ok, true);
}

for (const [name, trust] of [
  ['the certificate itself', { ca: cert }],
  ['the certificate and its SPKI pin', { ca: cert, pinSha256: spkiPin }],
  ['the certificate and its SHA-256 fingerprint', { ca: cert, pinSha256: fingerprint }],
] as const) {
  test(`a workstation pinned to ${name} syncs over HTTPS`, async () => {
    const core = workstation(trust);
    await signInApproved(core);
    await core.sync!.syncNow();
    const status = core.sync!.current();
    assert.deepEqual([status.link, status.linkReason], ['online', null]);
    const local = core.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM patients`).get()!.n;
    const [server] = await hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM patients WHERE department = 'cardiology'`);
    assert.ok(local > 0);
    assert.equal(local, server!.n);
  });
}

test('a wrong pin is refused by name, counts as offline with its reason, and writes nothing', async () => {
  const devicesBefore = await deviceCount();
  const core = workstation({ ca: cert, pinSha256: wrongPin });
  const signIn = await core.dispatch('auth:signIn', demo.doctor, 'c');
  assert.equal(signIn.ok, false, 'an unknown account cannot sign in offline');
  await core.sync!.syncNow();
  const status = core.sync!.current();
  assert.equal(status.link, 'offline');
  assert.equal(
    status.linkReason,
    `the hospital server's certificate does not match the pinned one: expected ${wrongPin}, received ${spkiPin}`,
  );
  assert.equal(await deviceCount(), devicesBefore, 'the server never heard from it');
  assert.equal(core.db.prepare(`SELECT 1 FROM patients`).all().length, 0);
  assert.equal(core.db.prepare(`SELECT 1 FROM sync_state WHERE key = 'device.server_id'`).all().length, 0);
});

test('a pin never widens trust: without the certificate as CA, a self-signed server is refused', async () => {
  const client = serverClient(baseUrl, { tls: { pinSha256: spkiPin } });
  await assert.rejects(client.challenge(crypto.randomUUID()), (error: Error) => {
    assert.equal(error.name, 'UntrustedServerError');
    assert.match(error.message, /certificate is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT/);
    return true;
  });
});

test('a pinned client never speaks plain HTTP', () => {
  assert.throws(() => serverClient(baseUrl.replace('https:', 'http:'), { tls: { ca: cert } }), /needs an https:\/\/ server URL/);
});

test('caredesk sync --server-cert --pin: a wrong pin fails with both fingerprints', async () => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'cli/caredesk.ts', 'sync', '--server', baseUrl, '--data-dir', freshDataDir('caredesk-cli-tls'),
      '--user', 'doctor', '--server-cert', certFile, '--pin', wrongPin],
    { env: { ...process.env, CAREDESK_PASSWORD: demo.doctor.password }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  assert.equal(code, 1);
  assert.ok(stderr.includes(`expected ${wrongPin}, received ${spkiPin}`), stderr);
});
