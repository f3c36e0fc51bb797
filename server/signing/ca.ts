/**
 * The hospital CA's SM2 key (issue 8, item 11). Tests and the demo use a test CA: generated on first
 * use and kept in `ca_keys`. Production points CAREDESK_CA_KEY_FILE at a JSON file
 * `{ "privateKey": hex, "publicKey": "04…" }` holding the hospital's own CA key, and the database
 * then never holds one (server/README.md, "Signing certificates"). That file is the whole seam.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { generateSm2KeyPairWith, type Sm2KeyPair } from '../../shared/signing/sm2';
import type { Queryable } from '../db/types';

const CaKeyFile = z.object({ privateKey: z.string().regex(/^[0-9a-f]{64}$/), publicKey: z.string().regex(/^04[0-9a-f]{128}$/) });

const random = (bytes: number): string => randomBytes(bytes).toString('hex');

export async function hospitalCaKey(q: Queryable, now: Date): Promise<Sm2KeyPair> {
  const file = process.env.CAREDESK_CA_KEY_FILE;
  if (file) return CaKeyFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  const fresh = generateSm2KeyPairWith(random);
  // Two first uses racing: one insert wins, both read the winner.
  await q.query(`INSERT INTO ca_keys (id, private_key, public_key, created_at) VALUES ('hospital', $1, $2, $3) ON CONFLICT (id) DO NOTHING`, [fresh.privateKey, fresh.publicKey, now]);
  const [row] = await q.query<Sm2KeyPair>(`SELECT private_key AS "privateKey", public_key AS "publicKey" FROM ca_keys WHERE id = 'hospital'`);
  if (!row) throw new Error('the hospital CA key could not be stored');
  return row;
}
