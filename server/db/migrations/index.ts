import { sql as initial } from './001_initial';

/** Forward-only and numbered: a migration's version is its position here plus one. Never edit one that shipped. */
export const migrations: readonly { version: number; name: string; sql: string }[] = [{ name: 'initial', sql: initial }].map(
  (m, i) => ({ version: i + 1, ...m }),
);
