import assert from 'node:assert/strict';
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';
import { after, test } from 'node:test';
import { demo, m, patientOf, TestHospital } from '../../../server/test-support/hospital';
import { serverClient } from './serverClient';

/**
 * Issue 8, item 10: the one retry on a stale connection sends a freshly signed request. Here the
 * first connection carries the push to the real server, which applies it, and is cut before any
 * answer comes back; the retry must carry a new proof (the first one's jti is spent), so the
 * server answers it as a duplicate instead of refusing it as a replay.
 */
const hospital = await TestHospital.start('pglite', { patients: 5 });
await hospital.app.listen({ port: 0, host: '127.0.0.1' });
const { port } = hospital.app.server.address() as AddressInfo;

let connections = 0;
const sockets = new Set<Socket>();
const proxy = createServer((client) => {
  const first = ++connections === 1;
  const upstream = createConnection({ host: '127.0.0.1', port });
  for (const socket of [client, upstream]) {
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
  }
  client.pipe(upstream);
  upstream.on('data', (chunk: Buffer) => {
    // The server has answered, so it has applied the push: the answer never reaches the client.
    if (first) {
      client.destroy();
      upstream.destroy();
    } else client.write(chunk);
  });
});
await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
after(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => proxy.close(resolve));
  await hospital.stop();
});

test('the retry after a connection cut mid-request is signed afresh: answered as a duplicate, never refused as a replay', async () => {
  const doctor = await hospital.workstation(demo.doctor.account, demo.doctor.password);
  const client = serverClient(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, {
    signer: { privateKeyPem: () => doctor.device.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), now: () => hospital.clock },
  });
  const mutation = m.addAllergy((await patientOf(hospital.db, 'cardiology')).id, 'cut-and-retried');
  const { results } = await client.push(doctor.token, { deviceId: doctor.deviceId, batch: [mutation] });
  assert.equal(connections, 2, 'the first connection was cut and the request sent again');
  assert.equal(results[0]!.status, 'duplicate', 'the server had applied the first copy');
  const [{ n }] = (await hospital.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM allergies WHERE allergen = 'cut-and-retried'`)) as [{ n: number }];
  assert.equal(n, 1, 'applied once');
});
