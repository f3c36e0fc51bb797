import { sql as initial } from './001_initial';
import { sql as signedPrescriptions } from './002_signed_prescriptions';
import { sql as hospitalFormulary } from './003_hospital_formulary';

/** Forward-only and numbered: a migration's version is its position here plus one. Never edit one that shipped. */
export const migrations: readonly { version: number; name: string; sql: string }[] = [
  { name: 'initial', sql: initial },
  { name: 'signed_prescriptions', sql: signedPrescriptions },
  { name: 'hospital_formulary', sql: hospitalFormulary },
].map((m, i) => ({ version: i + 1, ...m }));
