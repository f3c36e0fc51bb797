/**
 * The hospital CA's SM2 key (issue 8, item 11). It is configuration, chosen where the server is
 * built (server/app.ts `ca`): in production `caFromKeyFile`, the hospital's own CA key in a JSON file
 * `{ "privateKey": hex, "publicKey": "04…" }` given with `--ca-key` (or CAREDESK_CA_KEY_FILE), and
 * the database never holds one; in tests and the demo only, `testCa`, generated on first use and
 * kept in `ca_keys` (server/README.md, "Signing certificates"). The server refuses to start with neither.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { generateSm2KeyPairWith, type Sm2KeyPair } from '../../shared/signing/sm2';
import type { Queryable } from '../db/types';

/** The key the CA signs certificates with. */
export type HospitalCa = (q: Queryable, now: Date) => Promise<Sm2KeyPair>;

const CaKeyFile = z.object({ privateKey: z.string().regex(/^[0-9a-f]{64}$/), publicKey: z.string().regex(/^04[0-9a-f]{128}$/) });

const random = (bytes: number): string => randomBytes(bytes).toString('hex');

/** Reads and checks the file now, so a wrong path or a malformed key stops the server at startup. */
export function caFromKeyFile(path: string): HospitalCa {
  let key: Sm2KeyPair;
  try {
    key = CaKeyFile.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    throw new Error(`the CA key file ${path} is unreadable or not { privateKey: 64 hex, publicKey: 04 + 128 hex }: ${error instanceof Error ? error.message : String(error)}`);
  }
  return () => Promise.resolve(key);
}

/** Tests and the demo only: a CA made on first use, its key kept in the database. */
export const testCa: HospitalCa = async (q, now) => {
  const fresh = generateSm2KeyPairWith(random);
  // Two first uses racing: one insert wins, both read the winner.
  await q.query(`INSERT INTO ca_keys (id, private_key, public_key, created_at) VALUES ('hospital', $1, $2, $3) ON CONFLICT (id) DO NOTHING`, [fresh.privateKey, fresh.publicKey, now]);
  const [row] = await q.query<Sm2KeyPair>(`SELECT private_key AS "privateKey", public_key AS "publicKey" FROM ca_keys WHERE id = 'hospital'`);
  if (!row) throw new Error('the hospital CA key could not be stored');
  return row;
};
