import type { AddressInfo } from 'node:net';
import { TestHospital } from '../../server/test-support/hospital';
import { atFileEnd } from './world';

/** A hospital server on PGlite, listening on loopback, stopped after the file's last test. */
export async function startHospital(patients: number): Promise<{ hospital: TestHospital; port: number }> {
  const hospital = await TestHospital.start('pglite', { patients });
  atFileEnd(() => hospital.stop());
  await hospital.app.listen({ port: 0, host: '127.0.0.1' });
  return { hospital, port: (hospital.app.server.address() as AddressInfo).port };
}
