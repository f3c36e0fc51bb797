import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { buildServer } from '../server/app';
import { testCa } from '../server/signing/ca';
import { testFaceTemplateKey } from '../server/face/templateKey';
import { openDatabase } from '../server/db/open';
import { seedDemoHospital } from '../server/demo/seed';

export interface EmbeddedHospital {
  url: string;
  close(): Promise<void>;
}

/**
 * The demo's hospital server: PGlite in `dataDir`, the demo hospital seeded on first start, on
 * 127.0.0.1 only, approving devices as they register (a real hospital's IT approves each one).
 */
export async function startEmbeddedHospital(dataDir: string, patients: number, log: (line: string) => void): Promise<EmbeddedHospital> {
  mkdirSync(dataDir, { recursive: true });
  const db = await openDatabase({ dataDir });
  const started = performance.now();
  if (await seedDemoHospital(db, patients)) {
    log(`Demo hospital created: ${patients} patients (${((performance.now() - started) / 1000).toFixed(1)} s).`);
  }
  const app = buildServer({ db, autoApproveDevices: true, logger: false, ca: testCa, faceTemplateKey: testFaceTemplateKey });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}
