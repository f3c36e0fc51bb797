import { IssuedCertificate, type RegisterSigningKeyRequest } from '../../../shared/signing/certificate';
import type { z } from 'zod';
import { AuditUploadResponse, type AuditUploadRequest } from '../../../shared/audit/chain';
import {
  ApiError,
  ChallengeResponse,
  OfflineVerifiersResponse,
  PullResponse,
  PushResponse,
  RegisterDeviceResponse,
  TokenResponse,
  wireTables,
  type ApiErrorCode,
  type PullQuery,
  type PushRequest,
  type TokenRequest,
} from '../../../shared/sync';
import { requestProofHeaders } from '../../../common/auth/requestProof';
import { certificateProblem, pinnedTransport, type ServerTrust, type Transport } from './serverTrust';

/** The server could not be reached or did not answer in time: the outcome of a write is unknown. */
export class OfflineError extends Error {
  constructor(readonly reason: string) {
    super(`the hospital server is not reachable (${reason})`);
    this.name = 'OfflineError';
  }
}

/**
 * The server answered TLS with a certificate this workstation does not trust (wrong pin, another
 * CA, another host name). Offline as far as sync goes (retried with backoff, in case the server's
 * operator fixes it), but never "fixed" by falling back to plain HTTP.
 */
export class UntrustedServerError extends OfflineError {
  constructor(reason: string) {
    super(reason);
    this.name = 'UntrustedServerError';
  }
}

/** The server answered with an error a client can act on. */
export class ServerRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServerRefusal';
  }
}

/**
 * The workstation's side of the hospital server's HTTP API. Every answer is validated against the
 * shared schemas before anyone uses it: a server of another version fails loudly, not subtly.
 */
export interface RequestSigner {
  /** The device's Ed25519 private key (PEM), read at each request: a re-registration renews it. */
  privateKeyPem: () => string;
  /** The workstation's clock; corrected by the server's when it says the clock is off. */
  now: () => number;
}

export function serverClient(baseUrl: string, options: { timeoutMs?: number; tls?: ServerTrust; signer?: RequestSigner } = {}) {
  const timeoutMs = options.timeoutMs ?? 15_000;
  // How far the server's clock is from ours, learned from a PROOF_CLOCK_SKEW answer's `date` header.
  // Only proofs use it: client clocks order nothing (README "Sync").
  let serverClockOffsetMs = 0;
  if (options.tls && new URL(baseUrl).protocol !== 'https:') {
    throw new Error(`a pinned server certificate needs an https:// server URL, not ${baseUrl}`);
  }
  const transport: Transport = options.tls ? pinnedTransport(options.tls) : fetchTransport;

  async function call<S extends z.ZodType>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    path: string,
    schema: S,
    init: { token?: string; body?: unknown } = {},
  ): Promise<z.infer<S>> {
    const url = new URL(path, baseUrl);
    const sentBody = init.body === undefined ? undefined : JSON.stringify(init.body);
    // Every send is signed afresh (a new jti and time; shared/sync/proof.ts), retries included:
    // the server refuses a proof it has seen.
    const send = () =>
      transport(url, {
        method,
        headers: {
          ...(sentBody === undefined ? {} : { 'content-type': 'application/json' }),
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...(init.token && options.signer ? proofFor(init.token) : {}),
        },
        ...(sentBody === undefined ? {} : { body: sentBody }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    const proofFor = (token: string) =>
      requestProofHeaders({
        method,
        pathWithQuery: url.pathname + url.search,
        body: sentBody ?? '',
        token,
        key: options.signer!.privateKeyPem(),
        now: options.signer!.now() + serverClockOffsetMs,
      });
    // A kept-alive connection that died while the link was down fails the first request after it
    // returns; one immediate retry on a fresh connection is safe, as every call is idempotent
    // (pushes carry mutation ids, audit uploads replay harmlessly, the rest are reads or
    // single-use challenges).
    const sendOnce = () =>
      send().catch((error: unknown) => {
        if (isStaleConnection(error)) return send();
        throw error;
      });
    // The body is read with the answer (a cut answer is unreadable: the link is down).
    const attempt = async () => {
      const response = await sendOnce();
      const body: { value: unknown } | null = await response.json().then((value) => ({ value }), () => null);
      return { response, body };
    };
    let answer: Awaited<ReturnType<typeof attempt>>;
    try {
      answer = await attempt();
      // A clock too far from the server's: take its time from the answer and sign again, once.
      if (answer.response.status === 401 && options.signer && ApiError.safeParse(answer.body?.value).data?.error.code === 'PROOF_CLOCK_SKEW') {
        const serverTime = Date.parse(answer.response.date ?? '');
        if (Number.isFinite(serverTime)) serverClockOffsetMs = serverTime - options.signer.now();
        answer = await attempt();
      }
    } catch (error) {
      const untrusted = certificateProblem(error);
      if (untrusted) throw new UntrustedServerError(untrusted);
      throw new OfflineError(error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : 'unknown');
    }
    const { response } = answer;
    if (!answer.body) throw new OfflineError(`an unreadable answer (HTTP ${response.status})`);
    const body = answer.body.value;
    if (!response.ok) {
      const parsed = ApiError.safeParse(body);
      // A 5xx (the hospital's database restarting, a bug) says nothing about the request itself:
      // treat it as the link being down, so the worker backs off and sends the same mutations again.
      if (response.status >= 500) {
        throw new OfflineError(parsed.success ? `${parsed.data.error.code}: ${parsed.data.error.message}` : `HTTP ${response.status}`);
      }
      if (parsed.success) throw new ServerRefusal(response.status, parsed.data.error.code, parsed.data.error.message);
      throw new OfflineError(`HTTP ${response.status} without an error body`);
    }
    return schema.parse(body);
  }

  return {
    /** Any other route of the API (pharmacist review, electron/core/review/reviewServer.ts), with the same proof and checks. */
    call,
    registerDevice: (name: string, publicKey: string) =>
      call('POST', '/devices/register', RegisterDeviceResponse, { body: { name, publicKey } }),
    challenge: (deviceId: string) => call('POST', '/auth/challenge', ChallengeResponse, { body: { deviceId } }),
    token: (request: TokenRequest) => call('POST', '/auth/token', TokenResponse, { body: request }),
    push: (token: string, request: PushRequest) => call('POST', '/sync/push', PushResponse, { token, body: request }),
    registerSigningKey: (token: string, request: RegisterSigningKeyRequest) => call('POST', '/signing/keys', IssuedCertificate, { token, body: request }),
    offlineVerifiers: (token: string) => call('GET', '/auth/offline-verifiers', OfflineVerifiersResponse, { token }),
    uploadAudit: (token: string, request: AuditUploadRequest) => call('POST', '/audit/upload', AuditUploadResponse, { token, body: request }),
    pull(token: string, query: { cursor: number; limit: number; scopeEpoch?: PullQuery['scopeEpoch']; keptDigest?: PullQuery['keptDigest'] }) {
      // Only the tables this version can apply: a newer server's new tables wait for an upgrade.
      const search = new URLSearchParams({ cursor: String(query.cursor), limit: String(query.limit), tables: wireTables.join(',') });
      if (query.scopeEpoch !== undefined) search.set('scopeEpoch', String(query.scopeEpoch));
      if (query.keptDigest !== undefined) search.set('keptDigest', query.keptDigest);
      return call('GET', `/sync/pull?${search}`, PullResponse, { token });
    },
  };
}
export type ServerClient = ReturnType<typeof serverClient>;

const fetchTransport: Transport = async (url, init) => {
  const response = await fetch(url, init);
  return { status: response.status, ok: response.ok, date: response.headers.get('date'), json: () => response.json() as Promise<unknown> };
};

/** fetch puts the socket's error in `cause`; node:https throws it directly. */
function isStaleConnection(error: unknown): boolean {
  const codeOf = (e: unknown) => (e && typeof e === 'object' && 'code' in e ? String(e.code) : '');
  const cause = error instanceof Error ? error.cause : undefined;
  return [codeOf(cause), codeOf(error)].some((code) => ['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE'].includes(code));
}
