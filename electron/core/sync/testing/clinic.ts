import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after } from 'node:test';
import { TestHospital, demo } from '../../../../server/test-support/hospital';
import type { DbKind } from '../../../../server/test-support/databases';
import { createCore, type Core, type CoreOptions } from '../../core';
import { freshDataDir } from '../../testing/fixtures';
import type { SyncWorkerOptions } from '../syncWorker';
import { startFlakyLink, type FlakyLink } from './flakyLink';

export { demo };

/** A workstation: a real core on its own encrypted store, syncing through its own flaky link. */
export interface TestWorkstation {
  core: Core;
  link: FlakyLink;
  connection: string;
  call(channel: string, payload: unknown): Promise<unknown>;
  /** A round of sync, as the background worker would run it. */
  sync(): Promise<void>;
  query<T>(sql: string, ...params: unknown[]): T[];
}

/**
 * A hospital server on a real database, listening on loopback, and workstations that sync with it
 * (Joplin's setupDatabaseAndSynchronizer, one per device). Everything is stopped after the file.
 * `clusterUrl` puts a PostgreSQL hospital on a cluster of the test's own (one it may kill).
 */
export async function startClinic(kind: DbKind = 'pglite', patients = 30, options: { clusterUrl?: string } = {}) {
  const hospital = await TestHospital.start(kind, { patients, ...options });
  await hospital.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = hospital.app.server.address() as AddressInfo;
  const stations: TestWorkstation[] = [];
  after(async () => {
    for (const station of stations) {
      await station.core.close();
      await station.link.close();
    }
    await hospital.stop();
  });

  /** A new device, approved by the hospital's admin, with `account` signed in. */
  async function workstation(
    account: { account: string; password: string },
    options: { clockOffsetMs?: number; pullPageSize?: number; worker?: Partial<SyncWorkerOptions>; facePolicy?: CoreOptions['facePolicy'] } = {},
  ): Promise<TestWorkstation> {
    const link = await startFlakyLink({ host: '127.0.0.1', port });
    const core = createCore({
      dataDir: freshDataDir('caredesk-ws'),
      key: randomBytes(32),
      log: () => {},
      // Sync tests write as their users by password: a site allowing password-only signing (issue 9,
      // FacePolicy), unless a test of face sync asks for a face policy.
      facePolicy: options.facePolicy ?? { passwordOnlySigning: true },
      // The workstation's clock reads the hospital's test clock, off by as much as a test asks.
      now: () => hospital.clock + (options.clockOffsetMs ?? 0),
      sync: { serverUrl: link.url, deviceName: `ws-${stations.length + 1}`, background: false, pullPageSize: options.pullPageSize, ...(options.worker ? { worker: options.worker } : {}) },
    });
    const connection = `c-${stations.length + 1}`;
    const station: TestWorkstation = {
      core,
      link,
      connection,
      call: (channel, payload) => core.dispatch(channel, payload, connection),
      sync: () => core.sync!.syncNow(),
      query: <T>(sql: string, ...params: unknown[]) => core.db.prepare(sql).all(...params) as T[],
    };
    stations.push(station);
    const first = (await station.call('auth:signIn', account)) as { ok: boolean; error?: { code: string } };
    if (first.ok || first.error?.code !== 'DEVICE_NOT_APPROVED') throw new Error(`expected a pending device, got ${JSON.stringify(first)}`);
    const [{ value: deviceId }] = station.query<{ value: string }>(`SELECT value FROM sync_state WHERE key = 'device.server_id'`) as [{ value: string }];
    await hospital.approve(deviceId);
    const signedIn = (await station.call('auth:signIn', account)) as { ok: boolean };
    if (!signedIn.ok) throw new Error(`sign-in failed: ${JSON.stringify(signedIn)}`);
    await station.sync();
    return station;
  }

  return { hospital, workstation };
}
