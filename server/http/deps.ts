import type { FastifyRequest } from 'fastify';
import type { Role } from '../../shared/domain/roles';
import type { Database } from '../db/types';
import type { HospitalCa } from '../signing/ca';
import type { hashPassword } from '../../common/auth/password';
import { digestHeader, proofHeader } from '../../shared/sync/proof';
import { verifyRequestProof } from '../auth/requestProof';
import { authenticateToken, type Authenticated } from '../auth/tokens';
import { receivedDigestOf } from './bodyDigest';
import { HttpError } from './errors';

/** What every route module gets from `buildServer`. */
export interface ServerDeps {
  db: Database;
  now: () => Date;
  tokenTtlMs: number;
  /** scrypt cost for new password hashes; tests may lower it, production keeps the default. */
  hashParams: Parameters<typeof hashPassword>[1] | undefined;
  /** Demo only: devices are approved on registration. */
  autoApproveDevices: boolean;
  /** The hospital CA that certifies signing keys (signing/ca.ts). */
  ca: HospitalCa;
}

/**
 * Every route but health, bootstrap and sign-in calls this first: a valid token, a proof that the
 * token's device signed this very request (auth/requestProof.ts; issue 8, item 10), and a role.
 * `beforeBody` (an onRequest hook, before a large body is read) checks the token and role only; the
 * handler then calls it again in full, so the proof is checked once, over the body received.
 */
export async function requireAuth(
  deps: ServerDeps,
  request: FastifyRequest,
  roles: readonly Role[] | 'any',
  options: { beforeBody?: boolean } = {},
): Promise<Authenticated> {
  const auth = await authenticateToken(deps.db, request.headers.authorization, deps.now());
  if (!options.beforeBody) {
    await verifyRequestProof(
      deps.db,
      {
        method: request.method,
        pathWithQuery: request.url,
        proof: single(request.headers[proofHeader]),
        contentDigest: single(request.headers[digestHeader]),
        receivedDigest: receivedDigestOf(request),
        tokenDigest: auth.tokenDigest,
      },
      { id: auth.deviceId, publicKey: auth.devicePublicKey },
      deps.now(),
    );
  }
  if (roles !== 'any' && !auth.user.roles.some((role) => roles.includes(role))) {
    throw new HttpError(403, 'FORBIDDEN', `this needs one of the roles: ${roles.join(', ')}`);
  }
  return auth;
}

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value.join(',') : value);
