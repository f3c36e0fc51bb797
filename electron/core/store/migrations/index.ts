import { sql as initial } from './001_initial';

/** Forward-only, in order; a migration's number is its position here plus one. */
export const migrations: readonly string[] = [initial];
