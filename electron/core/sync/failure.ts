import { ZodError } from 'zod';
import { ServerRefusal } from './serverClient';

/**
 * A failed round, described for the log and the top bar without patient data: a server refusal
 * by its code and the server's own message (the server never puts patient data in one,
 * server/README.md "Logs"); an answer this version cannot read as such (zod's issues can quote
 * values); anything else by its error name and code only, since a message can quote a row.
 */
export function describeFailure(error: unknown): string {
  if (error instanceof ServerRefusal) return `${error.code} (HTTP ${error.status}): ${error.message}`;
  if (error instanceof ZodError) return 'the server answered in a form this version cannot read (another server version?)';
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? ` ${error.code}` : '';
    return `unexpected ${error.name}${code}`;
  }
  return 'unexpected failure';
}
