/**
 * The hospital server's review routes (shared/review/wire.ts), called with the user's token and
 * the device's request proof through the one server client. Review calls are online only (they
 * need the server's lease): each failure becomes a specific code for the pharmacist.
 */
import type { z } from 'zod';
import {
  ClaimResponse,
  DecisionResponse,
  ReleaseResponse,
  ReviewDetailResponse,
  ReviewQueueResponse,
  ReviewStats,
  type ReviewDecision,
  type ReviewStatsQuery,
  type ReviewQueueQuery,
} from '../../../shared/review/wire';
import { AppFailure, type ErrorCode } from '../../../shared/result';
import type { ApiErrorCode } from '../../../shared/sync';
import { OfflineError, ServerRefusal, type ServerClient } from '../sync/serverClient';
import type { SyncStateTable } from '../sync/syncState';

/** Server refusals a pharmacist can act on, with the workstation's code for each. */
const refusalCodes: Partial<Record<ApiErrorCode, ErrorCode>> = {
  NOT_QUALIFIED: 'REVIEWER_NOT_QUALIFIED',
  SELF_REVIEW: 'SELF_REVIEW',
  CLAIMED: 'CLAIMED_BY_OTHER',
  NOT_CLAIMED: 'NOT_CLAIMED',
  NOT_REVIEWABLE: 'NOT_REVIEWABLE',
  EXPIRED: 'EXPIRED',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  ACCOUNT_SUSPENDED: 'ACCOUNT_SUSPENDED',
  BAD_SIGNATURE: 'INVALID_REQUEST',
  INVALID_REQUEST: 'INVALID_REQUEST',
  DATABASE_UNAVAILABLE: 'SERVER_UNREACHABLE',
  DEVICE_PENDING: 'DEVICE_NOT_APPROVED',
  DEVICE_REVOKED: 'DEVICE_NOT_APPROVED',
};

const messages: Partial<Record<ErrorCode, string>> = {
  REVIEWER_NOT_QUALIFIED:
    'Your account is not recorded as a qualified prescription reviewer (a pharmacist title, 3 years of dispensing and review training, 《医疗机构处方审核规范》第五条). You can read the queue; ask the hospital administrator to record your qualification to claim.',
  SELF_REVIEW: 'You wrote this prescription: another pharmacist must review it.',
};

export class ReviewUnreachable extends AppFailure {
  constructor(reason: string) {
    super('SERVER_UNREACHABLE', `The hospital server cannot be reached (${reason}). Claims and decisions need it; the queue shown is read-only until the link returns.`);
  }
}

export function reviewServer(client: ServerClient | null, state: SyncStateTable | null, log: (line: string) => void) {
  async function online<T>(userId: string, operation: string, run: (client: ServerClient, token: string) => Promise<T>): Promise<T> {
    if (!client || !state) throw new ReviewUnreachable('no hospital server is configured on this workstation');
    const token = state.token(userId)?.token;
    if (!token) throw new ReviewUnreachable('you signed in while the server was unreachable; sign in again online');
    try {
      return await run(client, token);
    } catch (error) {
      if (error instanceof OfflineError) throw new ReviewUnreachable(error.reason);
      if (error instanceof ServerRefusal) {
        if (error.code === 'UNAUTHENTICATED') {
          state.dropToken(userId);
          throw new ReviewUnreachable('the server ended your session; sign in again online');
        }
        // Every refusal is the server's answer, not a fault here: it reaches the pharmacist with a
        // code, and the log names it as a refusal (code and status only: messages may quote data).
        const code = refusalCodes[error.code] ?? 'SERVER_REFUSED';
        log(`review: the server refused ${operation}: ${error.code} (HTTP ${error.status})`);
        throw new AppFailure(code, messages[code] ?? `The hospital server refused this (${error.code}): ${error.message}`);
      }
      throw error;
    }
  }
  const post = <S extends z.ZodType>(path: string, schema: S, body: unknown) => (userId: string) =>
    online(userId, path, (c, token) => c.call('POST', path, schema, { token, body }));

  return {
    queue: (userId: string, query: ReviewQueueQuery) => {
      const search = new URLSearchParams(Object.entries(query).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])));
      return online(userId, 'GET /review/queue', (c, token) => c.call('GET', `/review/queue${search.size ? `?${search}` : ''}`, ReviewQueueResponse, { token }));
    },
    detail: (userId: string, prescriptionId: string) =>
      online(userId, 'GET /review/prescriptions/:id', (c, token) => c.call('GET', `/review/prescriptions/${encodeURIComponent(prescriptionId)}`, ReviewDetailResponse, { token })),
    stats: (userId: string, query: ReviewStatsQuery) =>
      online(userId, 'GET /review/stats', (c, token) => c.call('GET', `/review/stats?${new URLSearchParams(query)}`, ReviewStats, { token })),
    claim: (userId: string, request: { requestId: string; prescriptionId: string }) => post('/review/claims', ClaimResponse, request)(userId),
    release: (userId: string, request: { requestId: string; prescriptionId: string }) => post('/review/claims/release', ReleaseResponse, request)(userId),
    decide: (userId: string, decision: ReviewDecision) => post('/review/decisions', DecisionResponse, decision)(userId),
  };
}
export type ReviewServer = ReturnType<typeof reviewServer>;
