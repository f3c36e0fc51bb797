import type { Role } from '../../shared/domain/roles';

/**
 * Who may call each HTTP route: the server's role matrix, written once (issue 12, hardening), as
 * the IPC contract is for channels. `buildServer` refuses to start with a route missing from it,
 * and the access hooks (`http/access.ts`) apply it before a handler or a body parser runs.
 *
 * - `public`: no token (health, device registration, sign-in, the one-time admin bootstrap).
 * - `signed-in`: any role; the handler narrows further where the data does (sync scopes, own keys).
 * - a list of roles: one of them.
 */
export type RouteAccess = 'public' | 'signed-in' | readonly Role[];

const admin = ['admin'] as const satisfies readonly Role[];
const pharmacist = ['pharmacist'] as const satisfies readonly Role[];

export const routeAccess = {
  'GET /health': 'public',
  'POST /devices/register': 'public',
  'POST /auth/challenge': 'public',
  'POST /auth/token': 'public',
  'POST /bootstrap/admin': 'public',

  'GET /auth/me': 'signed-in',
  'GET /auth/offline-verifiers': 'signed-in',
  'POST /auth/logout': 'signed-in',
  'POST /auth/password': 'signed-in',
  'POST /sync/push': 'signed-in',
  'GET /sync/pull': 'signed-in',
  'POST /audit/upload': 'signed-in',
  'POST /signing/keys': 'signed-in',
  'GET /signing/certificates/:serial': 'signed-in',

  'GET /review/queue': pharmacist,
  'GET /review/prescriptions/:id': pharmacist,
  'POST /review/claims': pharmacist,
  'POST /review/claims/release': pharmacist,
  'POST /review/decisions': pharmacist,
  'GET /review/stats': ['pharmacist', 'admin'],
  'GET /review/stats.csv': ['pharmacist', 'admin'],

  'GET /admin/devices': admin,
  'POST /admin/devices/:id/approve': admin,
  'POST /admin/devices/:id/revoke': admin,
  'GET /admin/accounts': admin,
  'POST /admin/accounts': admin,
  'PATCH /admin/accounts/:id': admin,
  'POST /admin/accounts/:id/revoke-offline': admin,
  'PUT /admin/accounts/:id/reviewer': admin,
  'GET /admin/formulary': admin,
  'PUT /admin/formulary': admin,
  'PUT /admin/templates': admin,
  'GET /admin/audit': admin,
  'GET /admin/audit/events': admin,
  'GET /admin/audit/verify': admin,
  'POST /admin/audit/purge': admin,
  'GET /admin/settings': admin,
  'PUT /admin/settings/:key': admin,
  'PUT /admin/settings': admin,
  'GET /admin/actions': admin,
  'POST /admin/certificates/:serial/revoke': admin,
  'GET /admin/adr/reports.csv': admin,
} as const satisfies Record<string, RouteAccess>;

export type RouteKey = keyof typeof routeAccess;

/**
 * The routes a password-change token may call (server/auth/tokens.ts): the change itself, and
 * signing out. Every other route answers PASSWORD_CHANGE_REQUIRED to it.
 */
const passwordChangeRoutes: readonly RouteKey[] = ['POST /auth/password', 'POST /auth/logout'];
export const servesPasswordChange = (method: string, pattern: string): boolean => passwordChangeRoutes.includes(`${method} ${pattern}` as RouteKey);

/** The matrix entry of a route as Fastify names it (`GET` + its pattern); HEAD is GET's. */
export function accessOf(method: string, pattern: string): RouteAccess | undefined {
  const key = `${method === 'HEAD' ? 'GET' : method} ${pattern}`;
  return Object.hasOwn(routeAccess, key) ? routeAccess[key as RouteKey] : undefined;
}
