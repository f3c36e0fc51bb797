import type { FastifyRequest } from 'fastify';
import type { Role } from '../../shared/domain/roles';
import type { Database } from '../db/types';
import type { hashPassword } from '../../common/auth/password';
import { authenticateToken, type Authenticated } from '../auth/tokens';
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
}

/** Every route but health, bootstrap and sign-in calls this first: a valid token and a role. */
export async function requireAuth(deps: ServerDeps, request: FastifyRequest, roles: readonly Role[] | 'any'): Promise<Authenticated> {
  const auth = await authenticateToken(deps.db, request.headers.authorization, deps.now());
  if (roles !== 'any' && !auth.user.roles.some((role) => roles.includes(role))) {
    throw new HttpError(403, 'FORBIDDEN', `this needs one of the roles: ${roles.join(', ')}`);
  }
  return auth;
}
